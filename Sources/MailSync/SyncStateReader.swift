import MailStore

/// Reads a `SyncState`'s lines the way the state file's own reader reads the rest: `key value`
/// lines in a fixed order, decimal numbers without leading zeros, and every flaw an error that
/// names the file and the line (`SyncState.damaged`), never "nothing saved yet".
struct SyncStateReader {
    let state: SyncState
    /// Where the next line starts in `state.text`.
    private var offset = 0
    /// The next line to read.
    private var next = 0
    /// The line an error names: the one read or looked at last.
    private var current = 0

    init(_ state: SyncState) { self.state = state }

    /// The value of the next line if it is `key value`; nil, the line kept, if it is not (or
    /// the lines are all read).
    mutating func value(of key: String) throws(MailStoreError) -> String? {
        try valueBytes(of: key).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `value(of:)` as bytes of the state's text: a state of 100,000 lines is read without a
    /// string per line.
    mutating func valueBytes(of key: String) throws(MailStoreError) -> ArraySlice<UInt8>? {
        current = next
        let text = state.text
        guard offset < text.count, let lf = text[offset...].firstIndex(of: 0x0A) else { return nil }
        let line = text[offset..<lf]
        let keyLength = key.utf8.count
        guard line.count > keyLength, line.starts(with: key.utf8), line[offset + keyLength] == 0x20 else { return nil }
        offset = lf + 1
        next += 1
        let value = line.dropFirst(keyLength + 1)
        guard !value.isEmpty else { throw error("\(key) without a value") }
        return value
    }

    func number(_ text: String, max: UInt64) throws(MailStoreError) -> UInt64 {
        guard let value = SyncState.decimal(text, max: max) else {
            throw error("\"\(text)\" is not a number up to \(max)")
        }
        return value
    }

    func error(_ reason: String) -> MailStoreError { state.damaged(line: current, reason) }

    /// Every line must have been read: one left over is not one this reader knows.
    mutating func finish() throws(MailStoreError) {
        guard next == state.lineCount else {
            current = next
            throw error("unexpected line")
        }
    }
}
