import MailStore

/// Reads a `SyncState`'s lines the way the state file's own reader reads the rest: `key value`
/// lines in a fixed order, decimal numbers without leading zeros, and every flaw an error that
/// names the file and the line (`SyncState.damaged`), never "nothing saved yet".
struct SyncStateReader {
    let state: SyncState
    /// The next line to read.
    private var next = 0
    /// The line an error names: the one read or looked at last.
    private var current = 0

    init(_ state: SyncState) { self.state = state }

    /// The value of the next line if it is `key value`; nil, the line kept, if it is not (or
    /// the lines are all read).
    mutating func value(of key: String) throws(MailStoreError) -> String? {
        current = next
        guard next < state.lines.count else { return nil }
        let text = state.lines[next]
        guard text.hasPrefix(key + " ") else { return nil }
        next += 1
        let value = String(text.dropFirst(key.count + 1))
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
        guard next == state.lines.count else {
            current = next
            throw error("unexpected line")
        }
    }
}
