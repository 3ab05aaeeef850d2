/// The highest UID an IMAP pull may record, whatever order the server answers in and whatever
/// it expunges meanwhile: every UID the server listed at or below it is saved or gone.
///
/// Recording the largest saved UID instead would skip, forever, a message that was listed but
/// not yet saved when the run stopped (a server may return FETCH responses in any order).
/// Memory: one UID and one flag per listed message.
public struct UIDWatermark: Sendable {
    private let recorded: UInt32
    private let expected: [UInt32]
    private var done: [Bool]
    private var cursor = 0

    /// - Parameters:
    ///   - recorded: the watermark recorded so far (`IMAPSyncState.highestSavedUID`).
    ///   - expected: the UIDs the server listed above it (UID SEARCH or UID FETCH (UID)).
    public init(recorded: UInt32, expected: some Sequence<UInt32>) {
        self.recorded = recorded
        self.expected = Array(Set(expected.filter { $0 > recorded })).sorted()
        self.done = Array(repeating: false, count: self.expected.count)
    }

    /// A UID is saved (committed), or the server said it no longer exists. Unknown UIDs are
    /// ignored.
    public mutating func markDone(_ uid: UInt32) {
        var low = 0, high = expected.count
        while low < high {
            let middle = (low + high) / 2
            if expected[middle] < uid { low = middle + 1 } else { high = middle }
        }
        guard low < expected.count, expected[low] == uid else { return }
        done[low] = true
        while cursor < expected.count && done[cursor] { cursor += 1 }
    }

    /// The UID to record: everything listed up to it is done.
    public var highest: UInt32 { cursor == 0 ? recorded : expected[cursor - 1] }

    /// Whether every listed UID is done.
    public var isComplete: Bool { cursor == expected.count }
}
