import MailStore
import POP3

/// POP3: the UIDLs of the messages saved (RFC 1939 7). The server keeps no "seen" state, so
/// every saved message's UIDL is kept until the server no longer lists it.
///
/// Memory: the ids in a `UIDLTable` (their bytes back to back and a hash index), written to and
/// read from the state's text without a string per id.
public struct POP3SyncState: Sendable, Equatable {
    /// A state file of at most about 72 MB; more is refused rather than grown without bound.
    public static let maxCount = 1_000_000

    public private(set) var table = UIDLTable()
    /// Indices of `table` in the byte order of their ids (the state file's order), and the ones
    /// inserted since (`settleOrder` merges them in): a commit of 1,000 new ids into a state of
    /// 100,000 sorts 1,000 and merges, instead of sorting 100,000 again.
    private var sorted: [Int32] = []
    private var unsorted: [Int32] = []

    public init() {}

    public init(uidls: some Sequence<UIDL>) throws(MailStoreError) {
        for uidl in uidls { try insert(uidl) }
    }

    /// The ids as a set of `UIDL` strings (made on demand).
    public var uidls: Set<UIDL> { Set((0..<table.count).map { table.uidl(at: $0) }) }

    public var count: Int { table.count }

    public func contains(_ uidl: UIDL) -> Bool { table.contains(uidl) }

    /// Whether the id with these bytes is recorded.
    public func contains(_ id: ArraySlice<UInt8>) -> Bool { table.index(of: id) != nil }

    /// - Throws: `.stateTooLarge` past `maxCount`.
    public mutating func insert(_ uidl: UIDL) throws(MailStoreError) {
        try insert(Array(uidl.value.utf8)[...])
    }

    /// Records the id with these bytes (a valid `UIDL`'s).
    /// - Throws: `.stateTooLarge` past `maxCount`.
    public mutating func insert(_ id: ArraySlice<UInt8>) throws(MailStoreError) {
        guard table.count < Self.maxCount || table.index(of: id) != nil else {
            throw MailStoreError(
                .stateTooLarge, "More than \(Self.maxCount) saved messages to remember for this POP3 mailbox")
        }
        if table.insert(id) { unsorted.append(Int32(table.count - 1)) }
    }

    /// Merges the ids inserted since the last call into the sorted order (what `syncState`
    /// would otherwise do each time).
    public mutating func settleOrder() {
        guard !unsorted.isEmpty else { return }
        sorted = mergedOrder()
        unsorted = []
    }

    /// `sorted` with `unsorted` merged in.
    private func mergedOrder() -> [Int32] {
        guard !unsorted.isEmpty else { return sorted }
        let table = self.table
        func precedes(_ a: Int32, _ b: Int32) -> Bool { table[Int(a)].lexicographicallyPrecedes(table[Int(b)]) }
        let added = unsorted.sorted(by: precedes)
        var merged: [Int32] = []
        merged.reserveCapacity(sorted.count + added.count)
        var i = 0, j = 0
        while i < sorted.count || j < added.count {
            if j == added.count || (i < sorted.count && precedes(sorted[i], added[j])) {
                merged.append(sorted[i])
                i += 1
            } else {
                merged.append(added[j])
                j += 1
            }
        }
        return merged
    }

    /// Forgets the UIDLs the server no longer lists (deleted there), so the state stays as
    /// small as the mailbox. Safe: a message that is gone cannot be fetched twice.
    public mutating func retainOnly(_ listed: Set<UIDL>) {
        retainOnly { id in (try? UIDL(id)).map { listed.contains($0) } ?? false }
    }

    /// `retainOnly(_:)` with the test given the bytes of each id.
    public mutating func retainOnly(where keep: (ArraySlice<UInt8>) -> Bool) {
        table.removeAll { !keep($0) }
        sorted = []
        unsorted = Array(0..<Int32(table.count))
    }

    /// The state's lines (`SyncRecord`): the count, then the UIDLs sorted, written into one
    /// buffer.
    func syncState() throws(MailStoreError) -> SyncState {
        var builder = SyncState.Builder(reservingCapacity: 32 + table.count * 27)
        try builder.append(key: "pop3-uidl-count", value: String(table.count).utf8)
        for index in mergedOrder() { try builder.append(key: "pop3-uidl", value: table[Int(index)]) }
        return builder.state()
    }

    /// Reads the lines if the next one is POP3's; nil if it is not.
    init?(reading reader: inout SyncStateReader) throws(MailStoreError) {
        guard let value = try reader.value(of: "pop3-uidl-count") else { return nil }
        let count = try reader.number(value, max: UInt64(Self.maxCount))
        self.init()
        for _ in 0..<count {
            guard let id = try reader.valueBytes(of: "pop3-uidl") else {
                throw reader.error("pop3-uidl expected (count \(count))")
            }
            guard UIDL.isValid(id) else { throw reader.error("invalid UIDL") }
            guard table.insert(id) else {
                throw reader.error("UIDL \(String(decoding: id, as: UTF8.self)) listed twice")
            }
            // The file lists them sorted; one that is not goes through the merge.
            let index = Int32(table.count - 1)
            if let last = sorted.last, !table[Int(last)].lexicographicallyPrecedes(id) {
                unsorted.append(index)
            } else {
                sorted.append(index)
            }
        }
    }

    /// Equal when they hold the same ids.
    public static func == (a: POP3SyncState, b: POP3SyncState) -> Bool { a.table == b.table }
}
