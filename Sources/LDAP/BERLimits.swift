/// The bounds every BER element from the server is checked against: the peer is hostile.
public struct BERLimits: Sendable, Equatable {
    /// The largest LDAPMessage accepted, header included. An entry with a few photographs and
    /// certificates is well below it; a peer announcing more is refused before it is read.
    public var maxMessageSize: Int
    /// How deeply constructed elements may nest inside one message. LDAP's responses nest
    /// five levels (message, entry, attribute list, attribute, value set); filters echoed in
    /// nothing the client reads.
    public var maxDepth: Int

    public init(maxMessageSize: Int = 16 << 20, maxDepth: Int = 16) {
        self.maxMessageSize = maxMessageSize
        self.maxDepth = maxDepth
    }

    public static let standard = BERLimits()
}
