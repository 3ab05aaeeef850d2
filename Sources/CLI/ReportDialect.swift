/// What a command tells the run report about its protocol's lines, so that the CLI layer,
/// which knows no protocol, can label the dialog: the reply code a received line carries and
/// the authentication a sent line starts. Both see the line as `-v` shows it (redacted).
public protocol ReportDialect {
    /// "250" (SMTP, FTP), "+OK"/"-ERR" (POP3), "OK"/"NO"/"BAD" (IMAP), "200" (HTTP); nil when
    /// the line carries none (a continuation of a listing, a header line).
    func replyCode(_ line: String) -> String?
    /// The SASL mechanism (`AUTH PLAIN <redacted>` gives "PLAIN") or the protocol's own login
    /// command ("LOGIN", "USER", "APOP") a sent line starts; nil for every other line.
    func authentication(_ line: String) -> String?
}

extension ReportDialect {
    /// The three-digit code that starts a reply line of RFC 5321 and RFC 959 (`250-`, `250 `, `250`).
    public static func numericCode(_ line: String) -> String? {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard bytes.count == 3 || bytes[3] == 0x20 || bytes[3] == 0x2D else { return nil }
        return String(decoding: bytes[0..<3], as: UTF8.self)
    }

    /// The first `limit` words of a line (split on spaces).
    public static func words(_ line: String, limit: Int = 3) -> [Substring] {
        Array(line.split(separator: " ", maxSplits: limit, omittingEmptySubsequences: true).prefix(limit))
    }
}
