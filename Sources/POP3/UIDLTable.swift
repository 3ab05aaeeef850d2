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
    /// `ends[i]`: where id i ends in `bytes` (it starts where id i - 1 ends); empty while every
    /// id is `width` bytes long, as a server's ids often are (Dovecot's: 16 hex digits), which
    /// saves 400 KB at 100,000 ids.
    private var ends: [UInt32] = []
    private var width = 0
    public private(set) var count = 0
    /// Entry indices, -1 for an empty slot; a power of two in size, at most half full. Empty
    /// after `append` until the next insert.
    private var slots: [Int32] = []
    private var indexDropped = false

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// The bytes of id `index`.
    public subscript(index: Int) -> ArraySlice<UInt8> {
        if ends.isEmpty { return bytes[index * width..<(index + 1) * width] }
        return bytes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
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

    /// Adds an id already checked to be a unique-id (`UIDL`'s rule) without looking it up or
    /// indexing it: for a listing read whole and checked for duplicates after (`byteOrder`),
    /// without the hash index's memory. Lookups then search one by one; an insert builds the
    /// index.
    public mutating func append(_ id: ArraySlice<UInt8>) {
        slots = []
        indexDropped = true
        id.withUnsafeBytes { add($0) }
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
        if indexDropped || (count + 1) * 2 > slots.count {
            indexDropped = false
            grow()
        }
        let (entry, slot) = find(id)
        guard entry == nil else { return false }
        slots[slot] = Int32(count)
        add(id)
        return true
    }

    private mutating func add(_ id: UnsafeRawBufferPointer) {
        if ends.isEmpty {
            if count == 0 {
                width = id.count
            } else if id.count != width {
                ends = (1...count).map { UInt32($0 * width) }
            }
        }
        bytes.append(contentsOf: id)
        if !ends.isEmpty { ends.append(UInt32(bytes.count)) }
        count += 1
    }

    /// The entry holding `id`, or nil and the empty slot where it would go.
    private func find(_ id: UnsafeRawBufferPointer) -> (entry: Int?, slot: Int) {
        if indexDropped { return ((0..<count).first { self[$0].elementsEqual(id) }, 0) }
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

    /// `sortedIndices()`, or empty when the ids are in that order already, none twice (a
    /// server's listing often is: no 400 KB order at 100,000 ids).
    public func byteOrder() -> [Int32] {
        let ascending = (1..<max(1, count)).allSatisfy { self[$0 - 1].lexicographicallyPrecedes(self[$0]) }
        return ascending ? [] : sortedIndices()
    }

    /// The first id present twice, given `byteOrder()`.
    public func duplicate(order: [Int32]) -> Int? {
        guard order.count > 1 else { return nil }
        return (1..<order.count).first { self[Int(order[$0 - 1])].elementsEqual(self[Int(order[$0])]) }
            .map { Int(order[$0]) }
    }

    /// The index of the id with these bytes by binary search in `byteOrder()` (`order`).
    public func index(of id: ArraySlice<UInt8>, order: [Int32]) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let entry = order.isEmpty ? middle : Int(order[middle])
            if self[entry].lexicographicallyPrecedes(id) { low = middle + 1 } else { high = middle }
        }
        guard low < count else { return nil }
        let entry = order.isEmpty ? low : Int(order[low])
        return self[entry].elementsEqual(id) ? entry : nil
    }

    /// Equal when they hold the same ids, in any order.
    public static func == (a: UIDLTable, b: UIDLTable) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { b.index(of: a[$0]) != nil }
    }

    private mutating func grow() {
        var size = max(16, slots.count * 2)
        while size < (count + 1) * 2 { size *= 2 }
        slots = []  // the old index is freed before the new one is made
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for entry in 0..<count {
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
