/// A mailbox name as IMAP carries it: bytes in modified UTF-7 (RFC 3501 section 5.1.3), with
/// `INBOX` in any case meaning the one INBOX (section 5.1).
//  mailbox         = "INBOX" / astring
public struct IMAPMailboxName: Hashable, Sendable, CustomStringConvertible {
    /// As on the wire.
    public let bytes: [UInt8]

    /// A name as received or already encoded.
    public init(wire bytes: [UInt8]) {
        self.bytes = bytes.equalsIgnoringCase("INBOX") ? Array("INBOX".utf8) : bytes
    }

    /// A name in Unicode, encoded in modified UTF-7.
    public init(_ name: String) {
        self.init(wire: ModifiedUTF7.encode(name))
    }

    public static let inbox = IMAPMailboxName(wire: Array("INBOX".utf8))

    /// The name for people: decoded from modified UTF-7, or the bytes as UTF-8 (invalid bytes
    /// replaced) when they are not valid modified UTF-7 (servers with UTF8=ACCEPT, RFC 6855).
    public var displayName: String {
        ModifiedUTF7.decode(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { displayName }
}
