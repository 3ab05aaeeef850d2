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
}
