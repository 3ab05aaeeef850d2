/// A TLS protocol version, as named by curl's options (`--tlsv1.2`, `--tls-max 1.3`).
public enum TLSVersion: Int, Sendable, Comparable, CaseIterable {
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

    public static func < (a: TLSVersion, b: TLSVersion) -> Bool { a.rawValue < b.rawValue }
}
