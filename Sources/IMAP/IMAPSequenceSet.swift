/// A set of message numbers or UIDs as a command writes it (RFC 3501 section 9): sorted
/// numbers compressed into ranges, `1:3,5,7:9`; `n:*` for "n and everything after".
//  sequence-set    = (seq-number / seq-range) *("," sequence-set)
//  seq-range       = seq-number ":" seq-number
//  seq-number      = nz-number / "*"
public struct IMAPSequenceSet: Equatable, Sendable, CustomStringConvertible {
    public struct Range: Equatable, Sendable {
        public let first: UInt32
        /// nil for `*`: the last message, whatever its number.
        public let last: UInt32?

        public init(first: UInt32, last: UInt32?) {
            self.first = first
            self.last = last
        }

        public var description: String {
            guard let last else { return "\(first):*" }
            return last == first ? "\(first)" : "\(first):\(last)"
        }
    }

    public let ranges: [Range]

    /// The set of `numbers` (any order; repeats and 0 ignored) in as few ranges as possible; nil
    /// when nothing is left (an empty set cannot be written).
    public init?(_ numbers: some Sequence<UInt32>) {
        let sorted = Set(numbers).subtracting([0]).sorted()
        guard var first = sorted.first else { return nil }
        var ranges: [Range] = []
        var last = first
        for number in sorted.dropFirst() {
            if number == last + 1 {
                last = number
            } else {
                ranges.append(Range(first: first, last: last))
                first = number
                last = number
            }
        }
        ranges.append(Range(first: first, last: last))
        self.ranges = ranges
    }

    /// `first:*`.
    /// - Precondition: `first` is not 0.
    public init(from first: UInt32) {
        precondition(first != 0, "message numbers start at 1")
        ranges = [Range(first: first, last: nil)]
    }

    /// `first:last`, without enumerating the numbers in between.
    /// - Precondition: `0 < first <= last`.
    public init(range first: UInt32, through last: UInt32) {
        precondition(first != 0 && first <= last, "message numbers start at 1")
        ranges = [Range(first: first, last: last)]
    }

    /// One number.
    public init(single number: UInt32) {
        precondition(number != 0, "message numbers start at 1")
        ranges = [Range(first: number, last: number)]
    }

    private init(ranges: [Range]) { self.ranges = ranges }

    public var description: String { ranges.map(\.description).joined(separator: ",") }

    /// The same set cut into sets whose text is at most `maxLength` bytes (command lines have
    /// limits: RFC 7162 section 4 asks servers for at least 8,192 octets). A range longer than
    /// `maxLength` on its own still gets a set of its own.
    public func split(maxLength: Int) -> [IMAPSequenceSet] {
        var sets: [IMAPSequenceSet] = []
        var current: [Range] = []
        var length = 0
        for range in ranges {
            let added = range.description.utf8.count + (current.isEmpty ? 0 : 1)
            if !current.isEmpty && length + added > maxLength {
                sets.append(IMAPSequenceSet(ranges: current))
                current = []
                length = 0
            }
            length += range.description.utf8.count + (current.isEmpty ? 0 : 1)
            current.append(range)
        }
        if !current.isEmpty { sets.append(IMAPSequenceSet(ranges: current)) }
        return sets
    }
}
