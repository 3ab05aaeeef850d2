/// The state file's text: versioned, line-based, parsed strictly. Every line ends with LF:
/// ```
/// mailtls-state 1
/// imap-uidvalidity 3857529045        IMAP: both lines, or neither
/// imap-highest-uid 4021
/// imap-mailbox 494e424f58            IMAP, optional: the mailbox's wire name in hex
/// pop3-uidl-count 2                  POP3: the count, then that many uidl lines, sorted
/// pop3-uidl whqtswO00WBw418f9t5JxYwZ
/// pop3-uidl QhdPYR:00WBw1Ph7x7
/// maildir-pending cur/1700000000.M5P7Q1.host:2,S     any number (see StateRecord)
/// mbox-batch-start 123456                            at most one
/// end
/// ```
/// Lines come in this order; numbers are decimal without leading zeros; nothing follows
/// `end`, whose absence shows a cut-off file. Anything else is refused with the line number:
/// a damaged file must never read as "nothing saved yet", which would fetch everything again.
/// A future format changes the version number, and this reader refuses versions it does not
/// know.
enum StateFileFormat {
    static let header = "mailtls-state 1"

    static func encode(_ record: StateRecord) -> [UInt8] {
        var lines = [header]
        switch record.sync {
        case .empty:
            break
        case .imap(let imap):
            lines.append("imap-uidvalidity \(imap.uidValidity)")
            lines.append("imap-highest-uid \(imap.highestSavedUID)")
            if let mailbox = imap.mailbox, !mailbox.isEmpty { lines.append("imap-mailbox " + hex(mailbox)) }
        case .pop3(let pop3):
            lines.append("pop3-uidl-count \(pop3.uidls.count)")
            lines += pop3.uidls.sorted().map { "pop3-uidl \($0.value)" }
        }
        lines += record.pendingDeliveries.map { "maildir-pending \($0)" }
        if let start = record.mboxBatchStart { lines.append("mbox-batch-start \(start)") }
        lines.append("end")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func decode(_ bytes: [UInt8], path: String) throws(MailStoreError) -> StateRecord {
        var parser = Parser(bytes: bytes, path: path)
        let first = try parser.line()
        guard first == header else {
            if first.hasPrefix("mailtls-state ") {
                throw parser.error("format version \(first.dropFirst(14)) is not one this mailtls reads (a newer mailtls wrote it?)")
            }
            throw parser.error("not a mailtls state file")
        }
        var record = StateRecord()
        if let value = try parser.value(of: "imap-uidvalidity") {
            let validity = try parser.number(value, max: UInt64(UInt32.max))
            guard validity > 0 else { throw parser.error("UIDVALIDITY 0") }
            guard let highest = try parser.value(of: "imap-highest-uid") else { throw parser.error("imap-highest-uid expected") }
            var imap = IMAPSyncState(uidValidity: UInt32(validity),
                                     highestSavedUID: UInt32(try parser.number(highest, max: UInt64(UInt32.max))))
            if let text = try parser.value(of: "imap-mailbox") {
                guard let bytes = unhex(text), !bytes.isEmpty else { throw parser.error("invalid imap-mailbox") }
                imap.mailbox = bytes
            }
            record.sync = .imap(imap)
        } else if let value = try parser.value(of: "pop3-uidl-count") {
            let count = try parser.number(value, max: UInt64(POP3SyncState.maxCount))
            var uidls = Set<UIDL>(minimumCapacity: Int(count))
            for _ in 0..<count {
                guard let text = try parser.value(of: "pop3-uidl") else { throw parser.error("pop3-uidl expected (count \(count))") }
                guard let uidl = try? UIDL(text) else { throw parser.error("invalid UIDL") }
                guard uidls.insert(uidl).inserted else { throw parser.error("UIDL \(text) listed twice") }
            }
            record.sync = .pop3(try POP3SyncState(uidls: uidls))
        }
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

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 15)]] }, as: UTF8.self)
    }

    static func unhex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var i = 0
        while i < digits.count {
            guard let high = hexDigits.firstIndex(of: digits[i]), let low = hexDigits.firstIndex(of: digits[i + 1]) else { return nil }
            bytes.append(UInt8(high << 4 | low))
            i += 2
        }
        return bytes
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
            MailStoreError(.corruptState, "State file \(path) is damaged (line \(lineNumber): \(reason)); it was left as it is, since starting over would fetch every message again. Move it away to start over.")
        }

        mutating func line() throws(MailStoreError) -> String {
            if let peeked {
                self.peeked = nil
                return peeked
            }
            lineNumber += 1
            guard let lf = bytes[offset...].firstIndex(of: .lf) else { throw error("cut off (no end line)") }
            let line = bytes[offset..<lf]
            guard line.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else { throw error("control or non-ASCII character") }
            offset = lf + 1
            return String(decoding: line, as: UTF8.self)
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
            guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  text == "0" || !text.hasPrefix("0"), let value = UInt64(text), value <= max else {
                throw error("\"\(text)\" is not a number up to \(max)")
            }
            return value
        }
    }
}
