/// Where the trust anchors that verified (or would have verified) the server came from, with
/// the number of certificates each gave. Several can be in use at once (`--cacert` and
/// `--capath`); none under `-k`, where nothing is loaded unless `--cert-status` needs it.
public enum TrustSource: Sendable, Equatable, Encodable {
    /// A PEM bundle: `--cacert`, `CURL_CA_BUNDLE`, `SSL_CERT_FILE`.
    case file(path: String, certificates: Int)
    /// A directory of PEM certificates: `--capath`, `SSL_CERT_DIR`.
    case directory(path: String, certificates: Int)
    /// The operating system's store.
    case system(certificates: Int)

    private enum CodingKeys: String, CodingKey { case kind, path, certificates }

    /// `{"kind": "file", "path": "...", "certificates": 1}`; `path` is absent for the system store.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .file(let path, let count):
            try container.encode("file", forKey: .kind)
            try container.encode(path, forKey: .path)
            try container.encode(count, forKey: .certificates)
        case .directory(let path, let count):
            try container.encode("directory", forKey: .kind)
            try container.encode(path, forKey: .path)
            try container.encode(count, forKey: .certificates)
        case .system(let count):
            try container.encode("system", forKey: .kind)
            try container.encode(count, forKey: .certificates)
        }
    }
}
