import ExitCode

/// Where a queued message was going, written before the message in its queue entry: a small,
/// versioned, line-based block, so a later `--flush-queue` (or a person with `less`) can read it.
///
/// ```
/// mailtls-queue 1                 first line: format and version
/// arg smtp://mail.example:587/    the smtp-send arguments to send it with, one per line
/// arg --ssl-reqd
/// from alice@example.org          the envelope sender (empty for <>)
/// rcpt bob@example.org            each envelope recipient
///                                 an empty line, then the message bytes, as they are sent
/// ```
/// Values are percent-encoded where they hold `%`, a control character or DEL, so every value
/// is one line. The arguments never hold a secret (`QueueArguments` leaves those out).
public struct QueueEntryHeader: Equatable, Sendable {
    public static let version = 1
    static let magic = "mailtls-queue"
    /// A header block larger than this is not one of ours.
    public static let maxSize = 256 * 1024

    public var arguments: [String]
    public var sender: String
    public var recipients: [String]

    public init(arguments: [String], sender: String, recipients: [String]) {
        self.arguments = arguments
        self.sender = sender
        self.recipients = recipients
    }

    public func encoded() -> [UInt8] {
        var text = "\(Self.magic) \(Self.version)\n"
        for argument in arguments { text += "arg " + Self.escape(argument) + "\n" }
        text += "from " + Self.escape(sender) + "\n"
        for recipient in recipients { text += "rcpt " + Self.escape(recipient) + "\n" }
        return Array((text + "\n").utf8)
    }

    /// Parses the block at the start of `bytes`; returns it and the offset of the message.
    /// - Throws: `QueueEntryError` when the block is incomplete, malformed or of a newer version.
    public static func parse(_ bytes: some Collection<UInt8>) throws(QueueEntryError) -> (QueueEntryHeader, Int) {
        var header = QueueEntryHeader(arguments: [], sender: "", recipients: [])
        var lineStart = bytes.startIndex
        var offset = 0
        var sawSender = false
        var lineNumber = 0
        while let end = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: bytes[lineStart..<end], as: UTF8.self)
            offset += bytes.distance(from: lineStart, to: end) + 1
            lineStart = bytes.index(after: end)
            lineNumber += 1
            if lineNumber == 1 {
                try checkMagic(line)
                continue
            }
            if line.isEmpty {
                guard sawSender else { throw QueueEntryError(.malformed, "its header has no sender line") }
                return (header, offset)
            }
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            let value = try unescape(parts.count == 2 ? parts[1] : "")
            switch parts[0] {
            case "arg": header.arguments.append(value)
            case "from":
                header.sender = value
                sawSender = true
            case "rcpt": header.recipients.append(value)
            default: throw QueueEntryError(.malformed, "line \(lineNumber) of its header is not understood")
            }
        }
        throw QueueEntryError(.malformed, "its header does not end (no empty line)")
    }

    private static func checkMagic(_ line: String) throws(QueueEntryError) {
        let parts = line.split(separator: " ")
        guard parts.count == 2, parts[0] == Substring(magic), let version = Int(parts[1]) else {
            throw QueueEntryError(.malformed, "it does not start with '\(magic) \(Self.version)'")
        }
        guard version <= Self.version else {
            throw QueueEntryError(
                .newerVersion, "it is of format version \(version); this program reads \(Self.version)")
        }
    }

    static func escape(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in value.utf8 {
            if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "%") {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func unescape(_ value: Substring) throws(QueueEntryError) -> String {
        var bytes: [UInt8] = []
        var utf8 = value.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let code = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                throw QueueEntryError(.malformed, "a value in its header has a bad % escape")
            }
            bytes.append(code)
            utf8 = utf8.dropFirst(2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
