/// What a destination records about the server so that the next run fetches only what is new:
/// the caller's lines of `key value` text, opaque to the store, kept in its state file
/// (`StateFile`) and replaced atomically with each commit that covers them. The store gives
/// them no meaning; the caller (a mailbox pull) writes them and reads them back.
///
/// Memory: the lines are kept as the file holds them, in one buffer (`text`), not as a `String`
/// each: a POP3 state of 100,000 unique ids is 2.7 MB of text, written and read without a
/// string per line (`Builder`, `forEachLine`).
public struct SyncState: Sendable, Equatable {
    /// Nothing recorded yet: a new destination.
    public static let empty = SyncState(verifiedText: [], lineCount: 0, origin: nil)

    /// The lines in the caller's order, each followed by LF; each non-empty printable ASCII
    /// (0x20-0x7E), none of them a line the store writes itself (`StateFileFormat`).
    public let text: [UInt8]
    public let lineCount: Int
    /// The state file the lines were read from, named by `damaged(line:_:)`; nil for a state
    /// made in memory.
    public let origin: String?

    public var isEmpty: Bool { lineCount == 0 }

    /// The lines as strings (for small states and tests; `forEachLine` reads without them).
    public var lines: [String] {
        var lines: [String] = []
        forEachLine { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    /// - Throws: `.corruptState` for a line the state file cannot hold (empty, a control or
    ///   non-ASCII character, or a line of the store's own).
    public init(lines: [String], origin: String? = nil) throws(MailStoreError) {
        var builder = Builder()
        for line in lines { try builder.append(line.utf8) }
        self = builder.state(origin: origin)
    }

    init(verifiedText text: [UInt8], lineCount: Int, origin: String?) {
        self.text = text
        self.lineCount = lineCount
        self.origin = origin
    }

    /// Hands each line (without its LF) to `body`, in order.
    public func forEachLine(_ body: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var start = 0
        while let lf = text[start...].firstIndex(of: 0x0A) {
            try body(text[start..<lf])
            start = lf + 1
        }
    }

    /// Makes a state line by line, each checked as `init(lines:)` checks it, into one buffer.
    public struct Builder {
        private var text: [UInt8] = []
        private var count = 0

        public init(reservingCapacity bytes: Int = 0) {
            text.reserveCapacity(bytes)
        }

        /// Appends one line, without its LF.
        public mutating func append(_ line: some Collection<UInt8>) throws(MailStoreError) {
            let start = text.count
            text.append(contentsOf: line)
            try endLine(from: start)
        }

        /// Appends the line `key value`.
        public mutating func append(key: String, value: some Collection<UInt8>) throws(MailStoreError) {
            let start = text.count
            text.append(contentsOf: key.utf8)
            text.append(0x20)
            text.append(contentsOf: value)
            try endLine(from: start)
        }

        private mutating func endLine(from start: Int) throws(MailStoreError) {
            // The slice is checked in one statement: a slice still alive when the LF is
            // appended would make the append copy the whole buffer (once per line).
            guard StateFileFormat.isCallerLine(text[start...]) else {
                let shown = String(decoding: text[start...], as: UTF8.self)
                text.removeSubrange(start...)
                throw MailStoreError(
                    .corruptState, "Cannot record the sync state line \"\(shown.debugDescription)\" in a state file")
            }
            text.append(0x0A)
            count += 1
        }

        public func state(origin: String? = nil) -> SyncState {
            SyncState(verifiedText: text, lineCount: count, origin: origin)
        }
    }

    /// The error for a state whose line `index` (`lineCount`: the line after the last one)
    /// the caller cannot read, naming the file and its line number as every state-file error
    /// does: such a state is never taken for "nothing saved yet".
    public func damaged(line index: Int, _ reason: String) -> MailStoreError {
        StateFileFormat.damaged(path: origin ?? "(in memory)", line: index + StateFileFormat.firstCallerLine, reason)
    }

    /// Equal lines are the same state, wherever they were read.
    public static func == (a: SyncState, b: SyncState) -> Bool { a.text == b.text }
}
