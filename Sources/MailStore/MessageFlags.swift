/// The message flags a Maildir file name can carry (the "2," info of
/// cr.yp.to/proto/maildir.html). What a mail server's flags mean in these terms is the
/// caller's to say.
public struct MessageFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Maildir `S`: the message was read.
    public static let seen = MessageFlags(rawValue: 1 << 0)
    /// Maildir `R`: replied to.
    public static let answered = MessageFlags(rawValue: 1 << 1)
    /// Maildir `F`: flagged for attention.
    public static let flagged = MessageFlags(rawValue: 1 << 2)
    /// Maildir `T`: trashed, to be deleted.
    public static let deleted = MessageFlags(rawValue: 1 << 3)
    /// Maildir `D`: a draft.
    public static let draft = MessageFlags(rawValue: 1 << 4)

    /// The letters in the ASCII order the Maildir specification requires.
    private static let letters: [(Character, MessageFlags)] = [
        ("D", .draft), ("F", .flagged), ("R", .answered), ("S", .seen), ("T", .deleted),
    ]
    /// The info letters, sorted: `FRS` for flagged, answered and seen; empty for none.
    public var maildirLetters: String {
        String(Self.letters.filter { contains($0.1) }.map(\.0))
    }

    /// The suffix of a file name in `cur/`: `:2,FRS`; `:2,` for no flags.
    public var maildirInfo: String { ":2," + maildirLetters }
}
