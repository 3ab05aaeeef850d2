/// Channel-binding data for the `-PLUS` mechanisms (RFC 5056): the TLS layer supplies it, e.g.
/// `tls-exporter` (RFC 9266, TLS 1.3) or `tls-unique` (RFC 5929, TLS 1.2).
public struct SASLChannelBinding: Sendable, Equatable {
    /// The channel-binding type name sent in the GS2 header (`p=<type>`).
    public let type: String
    public let data: [UInt8]

    public init(type: String, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    /// Whether every server that offers a `-PLUS` mechanism must accept this type. RFC 5802
    /// section 6 makes `tls-unique` mandatory for servers, so a TLS 1.2 binding is safe to use
    /// unasked. `tls-exporter` (RFC 9266, the type TLS 1.3 has) is not implemented everywhere:
    /// Cyrus SASL 2.1.28 (Cyrus IMAP 3.6, Debian 12) binds `tls-unique` only, even under TLS 1.3,
    /// and refuses any other type with "bad protocol / cancel" (issue 10).
    public var isMandatoryForServers: Bool { type == "tls-unique" }
}
