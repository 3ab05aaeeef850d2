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
    /// (0x20-0x7E), none of them a line the store writes itself (`StateFileFormat`). A state
    /// made by `init(lineCount:byteCount:lines:)` makes its text here on each use: the store
    /// itself writes it in chunks (`write(inChunks:)`).
    public var text: [UInt8] {
        switch storage {
        case .text(let text): return text
        case .generated(_, let lines):
            var text: [UInt8] = []
            text.reserveCapacity(byteCount)
            // The lines were made once without error (the store wrote them, or the maker
            // checked them); a failure here leaves the text short, which no reader accepts.
            let writer = LineWriter { (chunk) throws(MailStoreError) in text += chunk }
            try? lines(writer)
            try? writer.flush()
            return text
        }
    }

    private enum Storage: Sendable {
        case text([UInt8])
        case generated(byteCount: Int, lines: @Sendable (LineWriter) throws(MailStoreError) -> Void)
    }

    private let storage: Storage
    public let lineCount: Int
    /// The length of `text`.
    public var byteCount: Int {
        switch storage {
        case .text(let text): return text.count
        case .generated(let byteCount, _): return byteCount
        }
    }
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
        storage = .text(text)
        self.lineCount = lineCount
        self.origin = origin
    }

    /// A state whose lines `lines` writes when the state is recorded, in chunks, so that a
    /// large state (a POP3 pull's 100,000 unique ids) is never one buffer in memory: `lines`
    /// must write the same `lineCount` lines of `byteCount` bytes (LFs included) each time it
    /// is called, from any thread; each is checked as `Builder` checks it, and a state that
    /// does not match its counts is not recorded (`write(inChunks:)` throws).
    public init(
        lineCount: Int, byteCount: Int, lines: @escaping @Sendable (LineWriter) throws(MailStoreError) -> Void
    ) {
        storage = .generated(byteCount: byteCount, lines: lines)
        self.lineCount = lineCount
        origin = nil
    }

    /// Hands the text to `body` in chunks of at most about 64 KiB (a state from `text`: whole).
    public func write(inChunks body: ([UInt8]) throws(MailStoreError) -> Void) throws(MailStoreError) {
        switch storage {
        case .text(let text): try body(text)
        case .generated(let byteCount, let lines):
            var written = (lines: 0, bytes: 0)
            try withoutActuallyEscaping(body) { (body) throws(MailStoreError) in
                let writer = LineWriter { (chunk) throws(MailStoreError) in
                    written.bytes += chunk.count
                    try body(chunk)
                }
                try lines(writer)
                try writer.flush()
                written.lines = writer.count
            }
            guard written.lines == lineCount, written.bytes == byteCount else {
                throw MailStoreError(
                    .corruptState,
                    "The sync state made \(written.lines) lines of \(written.bytes) bytes, not \(lineCount) of \(byteCount)")
            }
        }
    }

    /// Where a generated state writes its lines: into a buffer handed on when it fills.
    public final class LineWriter {
        private var buffer: [UInt8] = []
        fileprivate private(set) var count = 0
        private let output: ([UInt8]) throws(MailStoreError) -> Void
        private static let chunkSize = 64 << 10

        fileprivate init(_ output: @escaping ([UInt8]) throws(MailStoreError) -> Void) {
            self.output = output
            buffer.reserveCapacity(Self.chunkSize + 256)
        }

        /// Appends the line `key value`, checked as `Builder.append(key:value:)` checks it.
        public func append(key: String, value: some Collection<UInt8>) throws(MailStoreError) {
            let start = buffer.count
            buffer.append(contentsOf: key.utf8)
            buffer.append(0x20)
            buffer.append(contentsOf: value)
            guard StateFileFormat.isCallerLine(buffer[start...]) else {
                let shown = String(decoding: buffer[start...], as: UTF8.self)
                throw MailStoreError(
                    .corruptState, "Cannot record the sync state line \"\(shown.debugDescription)\" in a state file")
            }
            buffer.append(0x0A)
            count += 1
            if buffer.count >= Self.chunkSize { try flush() }
        }

        fileprivate func flush() throws(MailStoreError) {
            guard !buffer.isEmpty else { return }
            try output(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
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
    /// A generated state is made once for the comparison, the other one streamed against it.
    public static func == (a: SyncState, b: SyncState) -> Bool {
        guard a.lineCount == b.lineCount, a.byteCount == b.byteCount else { return false }
        if case .text(let x) = a.storage, case .text(let y) = b.storage { return x == y }
        let (whole, streamed) = if case .text = a.storage { (a.text, b) } else { (b.text, a) }
        var offset = 0
        var equal = true
        try? streamed.write(inChunks: { chunk in
            if equal {
                equal = offset + chunk.count <= whole.count && whole[offset..<offset + chunk.count].elementsEqual(chunk)
            }
            offset += chunk.count
        })
        return equal && offset == whole.count
    }
}
