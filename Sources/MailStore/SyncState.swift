/// What a destination records about the server so that the next run fetches only what is new.
/// Kept in a state file next to the messages (`StateFile`), replaced atomically at each commit.
public enum SyncState: Sendable, Equatable {
    /// Nothing recorded yet: a new destination.
    case empty
    case imap(IMAPSyncState)
    case pop3(POP3SyncState)
}

/// IMAP: the mailbox's UIDVALIDITY and the highest UID below which everything is saved.
///
/// UIDVALIDITY change (RFC 9051 2.3.1.1): the recorded UIDs mean nothing any more. What the
/// store supports, for the caller to choose:
/// - Refuse, as curl does for `;UIDVALIDITY=` (exit 78), telling the user; nothing changes.
/// - Re-synchronise by content: take `MessageStore.fingerprints()` of the messages already on
///   disk, fetch `BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)]` for every message
///   on the server, download only those whose `MessageFingerprint` is not already present, and
///   commit with `IMAPSyncState(uidValidity: new, highestSavedUID: watermark)`. A message with
///   neither Message-ID nor Date and From has no fingerprint and is downloaded again: a
///   possible duplicate is preferred to a possible loss. An interrupted re-sync leaves the old
///   UIDVALIDITY recorded, so the next run re-synchronises again and skips what it saved.
public struct IMAPSyncState: Sendable, Equatable {
    /// Non-zero (RFC 9051: `nz-number`).
    public var uidValidity: UInt32
    /// 0 when nothing is saved yet. Every message with a lower or equal UID that the server
    /// listed is saved (see `UIDWatermark`).
    public var highestSavedUID: UInt32
    /// The mailbox's name as the server spells it (modified UTF-7 bytes): a watermark of one
    /// mailbox must never be applied to another, whose UIDVALIDITY may happen to be equal
    /// (Dovecot derives it from the creation time). Nil in states that did not record it.
    public var mailbox: [UInt8]?

    public init(uidValidity: UInt32, highestSavedUID: UInt32 = 0, mailbox: [UInt8]? = nil) {
        self.uidValidity = uidValidity
        self.highestSavedUID = highestSavedUID
        self.mailbox = mailbox
    }
}

/// POP3: the UIDLs of the messages saved (RFC 1939 7). The server keeps no "seen" state, so
/// every saved message's UIDL is kept until the server no longer lists it.
public struct POP3SyncState: Sendable, Equatable {
    /// A state file of at most about 72 MB; more is refused rather than grown without bound.
    public static let maxCount = 1_000_000

    public private(set) var uidls: Set<UIDL> = []

    public init() {}

    public init(uidls: some Sequence<UIDL>) throws(MailStoreError) {
        for uidl in uidls { try insert(uidl) }
    }

    public func contains(_ uidl: UIDL) -> Bool { uidls.contains(uidl) }

    public mutating func insert(_ uidl: UIDL) throws(MailStoreError) {
        guard uidls.count < Self.maxCount || uidls.contains(uidl) else {
            throw MailStoreError(.stateTooLarge, "More than \(Self.maxCount) saved messages to remember for this POP3 mailbox")
        }
        uidls.insert(uidl)
    }

    /// Forgets the UIDLs the server no longer lists (deleted there), so the state stays as
    /// small as the mailbox. Safe: a message that is gone cannot be fetched twice.
    public mutating func retainOnly(_ listed: Set<UIDL>) {
        uidls.formIntersection(listed)
    }
}

/// A POP3 unique-id (RFC 1939 7): 1 to 70 characters in 0x21-0x7E.
//  unique-id = 1*70 ( %x21-7E )
public struct UIDL: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maxLength = 70

    public let value: String

    /// - Throws: `.invalidUIDL` when the server's bytes are not a unique-id.
    public init(_ bytes: some Collection<UInt8>) throws(MailStoreError) {
        guard !bytes.isEmpty, bytes.count <= Self.maxLength, bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            let shown = bytes.prefix(80).map { $0 >= 0x21 && $0 <= 0x7E ? Character(UnicodeScalar($0)) : "?" }
            throw MailStoreError(.invalidUIDL, "Server sent an invalid UIDL \"\(String(shown))\" (\(bytes.count) bytes; 1 to 70 printable characters expected)")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    public init(_ string: String) throws(MailStoreError) {
        try self.init(Array(string.utf8))
    }

    public static func < (a: UIDL, b: UIDL) -> Bool { a.value < b.value }
    public var description: String { value }
}
