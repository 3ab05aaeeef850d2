/// The message flags a Maildir file name can carry (the "2," info of
/// cr.yp.to/proto/maildir.html), from the IMAP system flags of RFC 9051 2.3.2.
public struct MessageFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `\Seen`, Maildir `S`.
    public static let seen = MessageFlags(rawValue: 1 << 0)
    /// `\Answered`, Maildir `R` (replied).
    public static let answered = MessageFlags(rawValue: 1 << 1)
    /// `\Flagged`, Maildir `F`.
    public static let flagged = MessageFlags(rawValue: 1 << 2)
    /// `\Deleted`, Maildir `T` (trashed).
    public static let deleted = MessageFlags(rawValue: 1 << 3)
    /// `\Draft`, Maildir `D`.
    public static let draft = MessageFlags(rawValue: 1 << 4)

    /// The letters in the ASCII order the Maildir specification requires.
    private static let letters: [(Character, MessageFlags)] = [
        ("D", .draft), ("F", .flagged), ("R", .answered), ("S", .seen), ("T", .deleted),
    ]
    private static let imapNames: [(String, MessageFlags)] = [
        ("\\seen", .seen), ("\\answered", .answered), ("\\flagged", .flagged),
        ("\\deleted", .deleted), ("\\draft", .draft),
    ]

    /// From IMAP flags as the server sent them (case-insensitive, RFC 9051 2.3.2). `\Recent`
    /// and keywords have no Maildir letter and are left out.
    public init(imapFlags: some Sequence<String>) {
        self = []
        for flag in imapFlags {
            let lowered = flag.lowercased()
            if let match = Self.imapNames.first(where: { $0.0 == lowered }) { insert(match.1) }
        }
    }

    /// The info letters, sorted: `FRS` for flagged, answered and seen; empty for none.
    public var maildirLetters: String {
        String(Self.letters.filter { contains($0.1) }.map(\.0))
    }

    /// The suffix of a file name in `cur/`: `:2,FRS`; `:2,` for no flags.
    public var maildirInfo: String { ":2," + maildirLetters }
}
