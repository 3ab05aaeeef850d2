/// Which certificate authorities verify the server: curl's rules for `--cacert`, `--capath`
/// and the environment, resolved once as a pure function so tests can check every combination.
public struct TrustStore: Sendable, Equatable {
    /// A PEM bundle (`--cacert`, `CURL_CA_BUNDLE`, `SSL_CERT_FILE`).
    public var caFile: String?
    /// A directory of PEM certificates (`--capath`, `SSL_CERT_DIR`).
    public var caPath: String?

    /// The operating system's trust store.
    public static let system = TrustStore(caFile: nil, caPath: nil)

    public init(caFile: String?, caPath: String?) {
        self.caFile = caFile
        self.caPath = caPath
    }

    /// True when neither a file nor a directory was named: the backend loads the system store.
    public var usesSystemStore: Bool { caFile == nil && caPath == nil }

    /// curl's precedence: options first; only when neither `--cacert` nor `--capath` is given,
    /// `CURL_CA_BUNDLE`, else `SSL_CERT_FILE` and `SSL_CERT_DIR`. Empty variables count as unset.
    public static func resolve(
        cacert: String?, capath: String?,
        environment: [String: String]
    ) -> TrustStore {
        if cacert != nil || capath != nil {
            return TrustStore(caFile: cacert, caPath: capath)
        }
        func value(_ name: String) -> String? {
            guard let v = environment[name], !v.isEmpty else { return nil }
            return v
        }
        if let bundle = value("CURL_CA_BUNDLE") {
            return TrustStore(caFile: bundle, caPath: nil)
        }
        return TrustStore(caFile: value("SSL_CERT_FILE"), caPath: value("SSL_CERT_DIR"))
    }
}
