/// A message flag, keyword, or mailbox attribute, compared without regard to case (RFC 3501
/// section 2.3.2: `\SEEN` is `\Seen`). System flags are kept in their RFC spelling.
//  flag            = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" /
//                    flag-keyword / flag-extension
//  flag-fetch      = flag / "\Recent"
//  flag-perm       = flag / "\*"
//  flag-keyword    = atom
//  flag-extension  = "\" atom
//  mbx-list-flags  = "\" atom ...  (LIST attributes have the same form)
public struct IMAPFlag: Hashable, Sendable, CustomStringConvertible {
    /// As sent, except that the system flags and `\*` are spelled as in the RFC.
    public let name: String

    public init(_ name: String) {
        let folded = name.lowercased()
        self.name = IMAPFlag.spellings[folded] ?? name
    }

    public static let answered = IMAPFlag("\\Answered")
    public static let flagged = IMAPFlag("\\Flagged")
    public static let deleted = IMAPFlag("\\Deleted")
    public static let seen = IMAPFlag("\\Seen")
    public static let draft = IMAPFlag("\\Draft")
    public static let recent = IMAPFlag("\\Recent")
    /// In PERMANENTFLAGS: new keywords can be created.
    public static let wildcard = IMAPFlag("\\*")

    /// A `\` flag (system flag, extension, attribute), not a keyword.
    public var isBackslashed: Bool { name.hasPrefix("\\") }

    public var description: String { name }

    public static func == (a: IMAPFlag, b: IMAPFlag) -> Bool { a.name.lowercased() == b.name.lowercased() }
    public func hash(into hasher: inout Hasher) { hasher.combine(name.lowercased()) }

    private static let spellings: [String: String] = Dictionary(
        uniqueKeysWithValues: [
            "\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\Recent", "\\*",
            "\\Noselect", "\\Noinferiors", "\\Marked", "\\Unmarked", "\\HasChildren", "\\HasNoChildren",
            "\\NonExistent", "\\Subscribed", "\\Remote",
        ].map { ($0.lowercased(), $0) })
}
