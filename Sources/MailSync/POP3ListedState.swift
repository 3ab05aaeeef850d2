import MailStore
import POP3

/// A POP3 pull's sync state over the server's listing: which listed unique-ids are recorded,
/// one bit per listing entry, instead of a second table of their bytes (`POP3SyncState`).
/// Ids the server no longer lists are dropped as the state is read (they can never be fetched
/// twice), so the state is always a subset of the listing, and its text (`SyncRecord`'s lines,
/// byte for byte what `POP3SyncState` writes for the same ids) is written from the listing's
/// bytes. At 100,000 messages: 12.5 KB of bits against about 3.5 MB for a second table.
struct POP3ListedState {
    /// The server's unique-ids, entry i for listing entry i.
    let listing: UIDLTable
    private var bits: [UInt64]
    /// Recorded entries.
    private(set) var count = 0
    /// Whether entries were recorded since the pull last committed (set by `insert`; a state
    /// just read is one to commit: ids no longer listed were dropped).
    var changedSinceCommit = true
    /// Listing entries in the byte order of their ids (the state file's order; the lookups'
    /// binary search); empty when the listing is in that order already (Dovecot's ids,
    /// fixed-width hex, are).
    let order: [Int32]

    /// - Parameter order: `listing.byteOrder()`, if known.
    init(over listing: UIDLTable, order: [Int32]? = nil) {
        self.listing = listing
        self.order = order ?? listing.byteOrder()
        bits = [UInt64](repeating: 0, count: (listing.count + 63) / 64)
    }

    func contains(_ index: Int) -> Bool { Self.isSet(bits, index) }

    private static func isSet(_ bits: [UInt64], _ index: Int) -> Bool { bits[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    /// Records listing entry `index`.
    /// - Throws: `.stateTooLarge` past `POP3SyncState.maxCount`.
    mutating func insert(_ index: Int) throws(MailStoreError) {
        guard !contains(index) else { return }
        guard count < POP3SyncState.maxCount else {
            throw MailStoreError(
                .stateTooLarge,
                "More than \(POP3SyncState.maxCount) saved messages to remember for this POP3 mailbox")
        }
        bits[index >> 6] |= 1 << UInt64(index & 63)
        count += 1
        changedSinceCommit = true
    }

    /// The state's lines (`SyncRecord`): the count, then the recorded ids sorted. Written by
    /// the store in chunks straight from the listing's bytes (`SyncState.init(lineCount:
    /// byteCount:lines:)`), never whole in memory; the state holds the listing (shared, not
    /// copied) and a copy of the bits.
    func syncState() -> SyncState {
        let countText = String(count)
        var size = "pop3-uidl-count ".utf8.count + countText.utf8.count + 1
        for index in 0..<listing.count where contains(index) { size += "pop3-uidl ".utf8.count + listing[index].count + 1 }
        let (listing, bits, order) = (self.listing, self.bits, self.order)
        return SyncState(lineCount: count + 1, byteCount: size) { (writer) throws(MailStoreError) in
            try writer.append(key: "pop3-uidl-count", value: countText.utf8)
            if order.isEmpty {
                for index in 0..<listing.count where Self.isSet(bits, index) {
                    try writer.append(key: "pop3-uidl", value: listing[index])
                }
            } else {
                for index in order where Self.isSet(bits, Int(index)) {
                    try writer.append(key: "pop3-uidl", value: listing[Int(index)])
                }
            }
        }
    }

    /// Reads POP3's lines (`SyncRecord`) if the next one is POP3's (nil if it is not), keeping
    /// the ids that `listing` holds, with `POP3SyncState`'s checks: the count, each id valid,
    /// none twice. The file lists them sorted, so a duplicate is the line before; a file that
    /// is not sorted (written by hand) is read again with a table of its ids.
    init?(reading reader: inout SyncStateReader, over listing: UIDLTable, order: [Int32]? = nil)
        throws(MailStoreError)
    {
        guard let value = try reader.value(of: "pop3-uidl-count") else { return nil }
        let count = try reader.number(value, max: UInt64(POP3SyncState.maxCount))
        let start = reader
        self.init(over: listing, order: order)
        let order = self.order
        var seen: UIDLTable?
        if try !read(count, from: &reader, seen: &seen) {
            reader = start
            self.init(over: listing, order: order)
            seen = UIDLTable()
            _ = try read(count, from: &reader, seen: &seen)
        }
    }

    /// Reads `count` uidl lines; false (stopped) at the first out of order when `seen` is nil.
    private mutating func read(
        _ count: UInt64, from reader: inout SyncStateReader, seen: inout UIDLTable?
    ) throws(MailStoreError) -> Bool {
        var previous: ArraySlice<UInt8>?
        for _ in 0..<count {
            guard let id = try reader.valueBytes(of: "pop3-uidl") else {
                throw reader.error("pop3-uidl expected (count \(count))")
            }
            guard UIDL.isValid(id) else { throw reader.error("invalid UIDL") }
            if seen != nil {
                guard seen!.insert(id) else { throw Self.twice(id, reader) }
            } else if let previous, !previous.lexicographicallyPrecedes(id) {
                guard !previous.elementsEqual(id) else { throw Self.twice(id, reader) }
                return false
            }
            previous = id
            if let index = listing.index(of: id, order: order) { try insert(index) }
        }
        return true
    }

    private static func twice(_ id: ArraySlice<UInt8>, _ reader: SyncStateReader) -> MailStoreError {
        reader.error("UIDL \(String(decoding: id, as: UTF8.self)) listed twice")
    }
}
