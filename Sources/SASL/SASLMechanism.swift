/// A SASL mechanism name (RFC 4422 §3.1: 1 to 20 upper-case letters, digits, `-` and `_`), kept
/// upper-case so that names compare the way servers advertise them.
public struct SASLMechanism: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// Nil when `text` is not a mechanism name; lower case is accepted and upper-cased.
    public init?(_ text: some StringProtocol) {
        let name = text.uppercased()
        guard (1...20).contains(name.utf8.count),
            name.utf8.allSatisfy({
                (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
            })
        else { return nil }
        self.name = name
    }

    private init(known name: String) { self.name = name }

    public var description: String { name }

    /// `-PLUS` variants bind the exchange to the TLS channel (RFC 5056, RFC 5802 §6).
    public var usesChannelBinding: Bool { name.hasSuffix("-PLUS") }

    /// Implemented here rather than by Cyrus.
    var isBuiltIn: Bool { self == .oauthBearer || self == .xoauth2 }

    /// The mechanisms in a server's advertisement, e.g. the words after EHLO's `AUTH`, IMAP's
    /// `AUTH=` values, POP3's `SASL` line. Words that are not mechanism names are skipped,
    /// repeats dropped, order kept.
    public static func list(_ words: some Sequence<some StringProtocol>) -> [SASLMechanism] {
        var seen = Set<SASLMechanism>()
        return words.compactMap { SASLMechanism($0) }.filter { seen.insert($0).inserted }
    }

    /// `list` over a space-separated string: `"PLAIN LOGIN CRAM-MD5"`.
    public static func list(_ text: String) -> [SASLMechanism] {
        list(text.split(whereSeparator: { $0 == " " || $0 == "\t" }))
    }

    public static let external = SASLMechanism(known: "EXTERNAL")
    public static let scramSHA256Plus = SASLMechanism(known: "SCRAM-SHA-256-PLUS")
    public static let scramSHA1Plus = SASLMechanism(known: "SCRAM-SHA-1-PLUS")
    public static let scramSHA256 = SASLMechanism(known: "SCRAM-SHA-256")
    public static let scramSHA1 = SASLMechanism(known: "SCRAM-SHA-1")
    public static let digestMD5 = SASLMechanism(known: "DIGEST-MD5")
    public static let cramMD5 = SASLMechanism(known: "CRAM-MD5")
    public static let plain = SASLMechanism(known: "PLAIN")
    public static let login = SASLMechanism(known: "LOGIN")
    public static let oauthBearer = SASLMechanism(known: "OAUTHBEARER")
    public static let xoauth2 = SASLMechanism(known: "XOAUTH2")
}
