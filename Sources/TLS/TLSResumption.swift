/// What a later handshake needs to resume an earlier TLS session (RFC 5077 tickets, RFC 8446
/// 4.6.1 pre-shared keys, or a TLS 1.2 session id): bytes only the backend that made them
/// understands. FTP's data connections resume the control connection's session, which servers
/// such as vsftpd with `require_ssl_reuse=YES` insist on. The bytes hold key material: they are
/// never printed, traced or encoded.
public struct TLSResumptionData: Sendable, Equatable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public var description: String { "TLSResumptionData(\(bytes.count) bytes, redacted)" }
}

extension TLSConnection {
    /// The default for connections that cannot give resumption data.
    public func resumptionData() -> TLSResumptionData? { nil }
}
