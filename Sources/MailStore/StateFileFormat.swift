/// The state file's text: versioned, line-based, parsed strictly. Every line ends with LF:
/// ```
/// mailtls-state 1
/// key value                                          the caller's `SyncState` lines, any number
/// maildir-pending cur/1700000000.M5P7Q1.host:2,S     any number (see StateRecord)
/// mbox-batch-start 123456                            at most one
/// end
/// ```
/// Lines come in this order; numbers are decimal without leading zeros; nothing follows
/// `end`, whose absence shows a cut-off file. Every line before the first of the store's own
/// is the caller's, which reads them strictly too (`SyncState.damaged`). Anything else is
/// refused with the line number: a damaged file must never read as "nothing saved yet", which
/// would fetch everything again. A future format changes the version number, and this reader
/// refuses versions it does not know.
enum StateFileFormat {
    static let header = "mailtls-state 1"
    /// The keys of the store's own lines after the header; `end` closes the file.
    static let storeKeys = ["maildir-pending", "mbox-batch-start"]
    /// The file's line number of a state's first line (the header is line 1).
    static let firstCallerLine = 2

    /// Whether `line` can be one of the caller's: non-empty printable ASCII that the reader
    /// would not take for the header, one of the store's lines or the end.
    static func isCallerLine(_ line: some Collection<UInt8>) -> Bool {
        !line.isEmpty && line.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } && !isStoreLine(line)
            && !line.starts(with: headerPrefix)
    }

    static func isStoreLine(_ line: some Collection<UInt8>) -> Bool {
        line.elementsEqual(endLine) || storeKeyPrefixes.contains { line.starts(with: $0) }
    }

    /// As bytes, made once: every line of a large state is checked against them.
    private static let storeKeyPrefixes = storeKeys.map { Array(($0 + " ").utf8) }
    private static let headerPrefix = Array("mailtls-state ".utf8)
    private static let endLine = Array("end".utf8)

    static func damaged(path: String, line: Int, _ reason: String) -> MailStoreError {
        MailStoreError(
            .corruptState,
            "State file \(path) is damaged (line \(line): \(reason)); it was left as it is, since "
                + "starting over would fetch every message again. Move it away to start over.")
    }

    static func encode(_ record: StateRecord) -> [UInt8] {
        let (head, tail) = frame(record)
        return head + record.sync.text + tail
    }

    /// What goes before and after the caller's lines (`record.sync.text`), which a writer
    /// writes in between as they are, without copying a large state once more.
    static func frame(_ record: StateRecord) -> (head: [UInt8], tail: [UInt8]) {
        var tail: [UInt8] = []
        tail.reserveCapacity(64 * record.pendingDeliveries.count + 64)
        func line(_ text: String) {
            tail += text.utf8
            tail.append(.lf)
        }
        for destination in record.pendingDeliveries { line("maildir-pending " + destination) }
        if let start = record.mboxBatchStart { line("mbox-batch-start \(start)") }
        line("end")
        return (Array((header + "\n").utf8), tail)
    }

    static func decode(_ bytes: [UInt8], path: String) throws(MailStoreError) -> StateRecord {
        var parser = Parser(bytes: bytes, path: path)
        let first = try parser.line()
        guard first == header else {
            if first.hasPrefix("mailtls-state ") {
                throw parser.error(
                    "format version \(first.dropFirst(14)) is not one this mailtls reads (a newer mailtls wrote it?)")
            }
            throw parser.error("not a mailtls state file")
        }
        var record = StateRecord()
        // The caller's lines are kept as they are in the file: one buffer, no string per line.
        let textStart = parser.offset
        var textEnd = textStart
        var count = 0
        while try parser.callerLine() {
            count += 1
            textEnd = parser.offset
        }
        record.sync = SyncState(verifiedText: Array(bytes[textStart..<textEnd]), lineCount: count, origin: path)
        while let destination = try parser.value(of: "maildir-pending") {
            guard isDestination(destination) else { throw parser.error("invalid pending file name") }
            record.pendingDeliveries.append(destination)
        }
        if let value = try parser.value(of: "mbox-batch-start") {
            record.mboxBatchStart = Int64(try parser.number(value, max: UInt64(Int64.max)))
        }
        guard try parser.line() == "end" else { throw parser.error("unexpected line") }
        guard parser.atEnd else { throw parser.error("bytes after the end line") }
        return record
    }

    /// `new/NAME` or `cur/NAME`, NAME one file name of printable ASCII.
    static func isDestination(_ text: String) -> Bool {
        guard text.hasPrefix("new/") || text.hasPrefix("cur/") else { return false }
        let name = text.utf8.dropFirst(4)
        return !name.isEmpty && name.count <= 255 && name.first != UInt8(ascii: ".")
            && name.allSatisfy { $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "/") }
    }

    private struct Parser {
        let bytes: [UInt8]
        let path: String
        var offset = 0
        var lineNumber = 0
        /// A line read by `value(of:)` under another key, to be looked at again.
        var peeked: String?

        var atEnd: Bool { peeked == nil && offset == bytes.count }

        func error(_ reason: String) -> MailStoreError {
            StateFileFormat.damaged(path: path, line: lineNumber, reason)
        }

        /// Whether the next line is the caller's (not one of the store's, nor the end): taken
        /// if so, kept for the next read if not. Read first (no line peeked), without a string.
        mutating func callerLine() throws(MailStoreError) -> Bool {
            let text = try lineBytes()
            guard !StateFileFormat.isStoreLine(text) else {
                peeked = String(decoding: text, as: UTF8.self)
                return false
            }
            return true
        }

        mutating func line() throws(MailStoreError) -> String {
            if let peeked {
                self.peeked = nil
                return peeked
            }
            return String(decoding: try lineBytes(), as: UTF8.self)
        }

        private mutating func lineBytes() throws(MailStoreError) -> ArraySlice<UInt8> {
            lineNumber += 1
            guard let lf = bytes[offset...].firstIndex(of: .lf) else { throw error("cut off (no end line)") }
            let line = bytes[offset..<lf]
            guard line.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else { throw error("control or non-ASCII character") }
            offset = lf + 1
            return line
        }

        /// The value of the next line if it is `key value`; nil (line kept) if it has another key.
        mutating func value(of key: String) throws(MailStoreError) -> String? {
            let text = try line()
            guard text.hasPrefix(key + " ") else {
                peeked = text
                return nil
            }
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
    }
}
