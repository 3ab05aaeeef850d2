/// What a destination records about the server so that the next run fetches only what is new:
/// the caller's lines of `key value` text, opaque to the store, kept in its state file
/// (`StateFile`) and replaced atomically with each commit that covers them. The store gives
/// them no meaning; the caller (a mailbox pull) writes them and reads them back.
public struct SyncState: Sendable, Equatable {
    /// Nothing recorded yet: a new destination.
    public static let empty = SyncState(verified: [], origin: nil)

    /// In the caller's order; each non-empty printable ASCII (0x20-0x7E), none of them a line
    /// the store writes itself (`StateFileFormat`).
    public let lines: [String]
    /// The state file the lines were read from, named by `damaged(line:_:)`; nil for a state
    /// made in memory.
    public let origin: String?

    public var isEmpty: Bool { lines.isEmpty }

    /// - Throws: `.corruptState` for a line the state file cannot hold (empty, a control or
    ///   non-ASCII character, or a line of the store's own).
    public init(lines: [String], origin: String? = nil) throws(MailStoreError) {
        for line in lines where !StateFileFormat.isCallerLine(line) {
            throw MailStoreError(
                .corruptState, "Cannot record the sync state line \"\(line.debugDescription)\" in a state file")
        }
        self.init(verified: lines, origin: origin)
    }

    init(verified lines: [String], origin: String?) {
        self.lines = lines
        self.origin = origin
    }

    /// The error for a state whose line `index` (`lines.count`: the line after the last one)
    /// the caller cannot read, naming the file and its line number as every state-file error
    /// does: such a state is never taken for "nothing saved yet".
    public func damaged(line index: Int, _ reason: String) -> MailStoreError {
        StateFileFormat.damaged(path: origin ?? "(in memory)", line: index + StateFileFormat.firstCallerLine, reason)
    }

    /// Equal lines are the same state, wherever they were read.
    public static func == (a: SyncState, b: SyncState) -> Bool { a.lines == b.lines }
}
