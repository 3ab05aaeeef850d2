import LineProtocol

/// How much a POP3 server may send (DESIGN.md rule 5: the peer is hostile). Message bodies are
/// streamed, so only their line length is bounded: memory does not grow with a message.
public struct POP3Limits: Equatable, Sendable {
    /// A status line (`+OK ...`, `-ERR ...`) without its CR LF. RFC 2449 section 4 allows 512
    /// octets with the CR LF; greetings and error texts in the wild exceed that, so the bound is
    /// `LineLimits.maxLineLength`, the same as every line protocol's.
    public var maxStatusLineLength: Int
    /// A line of an AUTH exchange (`+ <base64 challenge>`): RFC 5034 section 4 lifts the 512-octet
    /// limit for them (Kerberos tickets). `LineLimits.maxLineLength`, like status lines; the
    /// `ByteStream`'s buffer size also caps it.
    public var maxSASLLineLength: Int
    /// One line of a LIST, UIDL or CAPA listing without its CR LF. The longest valid LIST or
    /// UIDL line is far shorter (`4294967295 ` plus 70 unique-id characters); CAPA lines are
    /// 512 octets at most by RFC 2449, SASL lists longer in the wild.
    public var maxListingLineLength: Int
    /// Entries of one LIST or UIDL listing: a mailbox of more messages is refused.
    public var maxListingEntries: Int
    /// Lines of one CAPA response.
    public var maxCapabilityLines: Int
    /// One line of a message (RETR, TOP) or of a custom command's answer, counting every byte
    /// before its LF. RFC 5322 says 998 characters, but real mail carries longer lines (HTML
    /// on one line, unwrapped base64), so 1 MiB is accepted; past it the server is considered
    /// to be sending an endless line. Streaming keeps memory bounded whatever this is.
    public var maxBodyLineLength: Int
    /// One message or multi-line answer, in bytes after unstuffing: 4 GiB, as IMAP's largest
    /// literal. A body that never ends is an error past it, not a transfer bounded only by `-m`.
    public var maxBodySize: UInt64

    public init(
        maxStatusLineLength: Int = LineLimits.default.maxLineLength,
        maxSASLLineLength: Int = LineLimits.default.maxLineLength,
        maxListingLineLength: Int = 4096, maxListingEntries: Int = 1_000_000,
        maxCapabilityLines: Int = 1000, maxBodyLineLength: Int = 1024 * 1024, maxBodySize: UInt64 = 1 << 32
    ) {
        self.maxStatusLineLength = maxStatusLineLength
        self.maxSASLLineLength = maxSASLLineLength
        self.maxListingLineLength = maxListingLineLength
        self.maxListingEntries = maxListingEntries
        self.maxCapabilityLines = maxCapabilityLines
        self.maxBodyLineLength = maxBodyLineLength
        self.maxBodySize = maxBodySize
    }

    public static let `default` = POP3Limits()
}
