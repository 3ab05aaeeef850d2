import MailStore
import POP3

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

    /// - Throws: `.stateTooLarge` past `maxCount`.
    public mutating func insert(_ uidl: UIDL) throws(MailStoreError) {
        guard uidls.count < Self.maxCount || uidls.contains(uidl) else {
            throw MailStoreError(
                .stateTooLarge, "More than \(Self.maxCount) saved messages to remember for this POP3 mailbox")
        }
        uidls.insert(uidl)
    }

    /// Forgets the UIDLs the server no longer lists (deleted there), so the state stays as
    /// small as the mailbox. Safe: a message that is gone cannot be fetched twice.
    public mutating func retainOnly(_ listed: Set<UIDL>) {
        uidls.formIntersection(listed)
    }

    /// The state file's lines (`SyncRecord`): the count, then the UIDLs sorted.
    var lines: [String] {
        ["pop3-uidl-count \(uidls.count)"] + uidls.sorted().map { "pop3-uidl \($0.value)" }
    }

    /// Reads the lines if the next one is POP3's; nil if it is not.
    init?(reading reader: inout SyncStateReader) throws(MailStoreError) {
        guard let value = try reader.value(of: "pop3-uidl-count") else { return nil }
        let count = try reader.number(value, max: UInt64(Self.maxCount))
        var uidls = Set<UIDL>(minimumCapacity: Int(count))
        for _ in 0..<count {
            guard let text = try reader.value(of: "pop3-uidl") else {
                throw reader.error("pop3-uidl expected (count \(count))")
            }
            guard let uidl = try? UIDL(text) else { throw reader.error("invalid UIDL") }
            guard uidls.insert(uidl).inserted else { throw reader.error("UIDL \(text) listed twice") }
        }
        try self.init(uidls: uidls)
    }
}
