/// A mailbox's folder in a Maildir++ tree (the Courier convention Dovecot also uses): the
/// root Maildir is INBOX, every other mailbox is a Maildir in `.<level>.<level>…` directly
/// under the root, marked by an empty `maildirfolder` file.
///
/// Encoding: the levels are the server's mailbox name split at the server's hierarchy delimiter,
/// as the server sent them (modified UTF-7, so ASCII), joined with `.`. Within a level, a
/// character that would be read as structure is written `%` and two uppercase hex digits:
/// `.` (the Maildir++ separator) as `%2E`, `/` (a path) as `%2F`, `%` itself as `%25`, and
/// control characters. So `Work/Projects` with delimiter `/` is `.Work.Projects`, `a.b` with
/// delimiter `/` is `.a%2Eb`, and the mapping can be undone. A name that is exactly `INBOX` in
/// any case is the root; deeper levels under INBOX (`INBOX/Sub`) keep INBOX as a level.
public struct MaildirFolderName: Sendable, Hashable {
    /// The directory under the root (`.Work.Projects`); empty for INBOX, the root itself.
    public let directoryName: String

    /// The longest directory name most file systems accept.
    static let maxLength = 255

    /// - Parameter levels: the mailbox name's hierarchy levels, outermost first.
    /// - Throws: `.unsupportedFolderName` for no level or an empty one, or a name too long.
    public init(levels: [String]) throws(MailStoreError) {
        guard !levels.isEmpty, !levels.contains(where: \.isEmpty) else {
            throw MailStoreError(
                .unsupportedFolderName,
                "Mailbox \"\(levels.joined(separator: "/"))\" has an empty hierarchy level and cannot be a Maildir++ folder"
            )
        }
        if levels.count == 1 && levels[0].lowercased() == "inbox" {
            directoryName = ""
            return
        }
        let name = "." + levels.map(Self.encode).joined(separator: ".")
        guard name.utf8.count <= Self.maxLength else {
            throw MailStoreError(
                .unsupportedFolderName,
                "Mailbox name \"\(levels.joined(separator: "/"))\" is too long for a Maildir++ folder")
        }
        directoryName = name
    }

    /// - Parameter delimiter: the hierarchy delimiter from the server's LIST reply; nil for a
    ///   flat namespace (NIL in LIST).
    public init(serverName: String, delimiter: Character?) throws(MailStoreError) {
        let levels =
            delimiter.map { d in serverName.split(separator: d, omittingEmptySubsequences: false).map(String.init) }
            ?? [serverName]
        try self.init(levels: levels)
    }

    public var isInbox: Bool { directoryName.isEmpty }

    private static func encode(_ level: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var encoded = ""
        for scalar in level.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x2F, 0x25, 0..<0x20, 0x7F:
                encoded += "%" + String([hex[Int(scalar.value >> 4)], hex[Int(scalar.value & 0xF)]])
            default:
                encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }
}
