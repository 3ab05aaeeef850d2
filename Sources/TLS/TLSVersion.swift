/// A TLS protocol version, as named by curl's options (`--tlsv1.2`, `--tls-max 1.3`).
/// Encoded as its display name ("TLS1.3"), the way `-v` prints it.
public enum TLSVersion: Int, Sendable, Comparable, CaseIterable, Codable {
    case tls1_0 = 10, tls1_1 = 11, tls1_2 = 12, tls1_3 = 13

    /// The suffix curl uses: "1.0" ... "1.3".
    public var curlName: String {
        switch self {
        case .tls1_0: "1.0"
        case .tls1_1: "1.1"
        case .tls1_2: "1.2"
        case .tls1_3: "1.3"
        }
    }

    /// "TLS1.2", as curl's GnuTLS backend prints it.
    public var displayName: String { "TLS" + curlName }

    public init?(curlName: String) {
        guard let version = TLSVersion.allCases.first(where: { $0.curlName == curlName }) else { return nil }
        self = version
    }

    public init?(displayName: String) {
        guard let version = TLSVersion.allCases.first(where: { $0.displayName == displayName }) else { return nil }
        self = version
    }

    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let version = TLSVersion(displayName: name) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a TLS version: \(name)"))
        }
        self = version
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(displayName)
    }

    public static func < (a: TLSVersion, b: TLSVersion) -> Bool { a.rawValue < b.rawValue }
}
