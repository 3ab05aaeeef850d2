/// Many unique-ids (`UIDL`) in compact form, for a maildrop's listing and a pull's sync state:
/// their bytes back to back, one end offset each, and an open-addressing index of their hashes.
/// About 4 + 8 bytes per id beyond its own bytes, where a `Set<UIDL>` or an array of listings
/// costs a heap object (a `String` of more than 15 bytes) per id: 100,000 ids of 16 bytes take
/// 2.8 MB here.
///
/// The index hashes with the standard library's per-process random seed, so a server cannot
/// choose ids that collide.
public struct UIDLTable: Sendable, Equatable {
    private var bytes: [UInt8] = []
    /// `ends[i]`: where id i ends in `bytes` (it starts where id i - 1 ends).
    private var ends: [UInt32] = []
    /// Entry indices, -1 for an empty slot; a power of two in size, at most half full.
    private var slots: [Int32] = []

    public init() {}

    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }

    /// The bytes of id `index`.
    public subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }

    /// Id `index` as a `UIDL` (a `String`: made on demand).
    public func uidl(at index: Int) -> UIDL {
        // The bytes were checked when they were added.
        try! UIDL(self[index])
    }

    /// The index of the id with these bytes, if present.
    public func index(of id: ArraySlice<UInt8>) -> Int? {
        id.withUnsafeBytes { find($0).entry }
    }

    public func contains(_ uidl: UIDL) -> Bool {
        var text = uidl.value
        return text.withUTF8 { find(UnsafeRawBufferPointer($0)).entry } != nil
    }

    /// Adds an id already checked to be a unique-id (`UIDL`'s rule); false, nothing added, when
    /// it is present.
    @discardableResult
    public mutating func insert(_ id: ArraySlice<UInt8>) -> Bool {
        id.withUnsafeBytes { insert(raw: $0) }
    }

    @discardableResult
    public mutating func insert(_ uidl: UIDL) -> Bool {
        var text = uidl.value
        return text.withUTF8 { insert(raw: UnsafeRawBufferPointer($0)) }
    }

    private mutating func insert(raw id: UnsafeRawBufferPointer) -> Bool {
        if (ends.count + 1) * 2 > slots.count { grow() }
        let (entry, slot) = find(id)
        guard entry == nil else { return false }
        slots[slot] = Int32(ends.count)
        bytes.append(contentsOf: id)
        ends.append(UInt32(bytes.count))
        return true
    }

    /// The entry holding `id`, or nil and the empty slot where it would go.
    private func find(_ id: UnsafeRawBufferPointer) -> (entry: Int?, slot: Int) {
        guard !slots.isEmpty else { return (nil, 0) }
        let mask = slots.count - 1
        var hasher = Hasher()
        hasher.combine(bytes: id)
        var slot = hasher.finalize() & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return (nil, slot) }
            if self[Int(entry)].elementsEqual(id) { return (Int(entry), slot) }
            slot = (slot + 1) & mask
        }
    }

    /// Removes the ids `remove` says yes to (the others keep their order).
    public mutating func removeAll(where remove: (ArraySlice<UInt8>) -> Bool) {
        var kept = UIDLTable()
        for index in 0..<count where !remove(self[index]) { kept.insert(self[index]) }
        self = kept
    }

    /// The indices in the byte order of their ids (a state file's order).
    public func sortedIndices() -> [Int32] {
        (0..<Int32(count)).sorted { self[Int($0)].lexicographicallyPrecedes(self[Int($1)]) }
    }

    /// Equal when they hold the same ids, in any order.
    public static func == (a: UIDLTable, b: UIDLTable) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { b.index(of: a[$0]) != nil }
    }

    private mutating func grow() {
        var size = max(16, slots.count * 2)
        while size < (ends.count + 1) * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for entry in 0..<ends.count {
            var slot = Self.hash(self[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    private static func hash(_ id: ArraySlice<UInt8>) -> Int {
        var hasher = Hasher()
        id.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
