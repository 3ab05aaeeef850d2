/// Reads the header section at the start of a message for `-t`, from pieces of the message as
/// they are read: a value-type state machine with no I/O. Once the header has ended it hands
/// back the `MessageHeader` and the rest of the piece, so the caller streams the body on.
///
/// Line endings are the ones `SMTPDataEncoder` sees: CR LF, a bare LF and a bare CR each end a
/// line. (Otherwise `To: a\rBcc: b` would be one field here and two on the wire.)
///
/// The header ends at the first empty line, at a line that is neither a field nor the
/// continuation of one (Postfix's rule: that line and the rest are body, sent as they are), or
/// at the end of the message. Unfolding joins continuation lines (RFC 5322 2.2.3).
///
/// Limits: at most 1 MiB of header, at most 1,000 fields.
//  header-section = *field [ CRLF ]              (RFC 5322 3.5: message = fields [CRLF body])
//  field          = field-name ":" unstructured CRLF
//  obs-optional   = field-name *WSP ":" unstructured CRLF
//  field-name     = 1*ftext
//  ftext          = %d33-57 / %d59-126
//  folding        = CRLF WSP                     (a line starting with WSP continues a field)
public struct MessageHeaderReader: Sendable {
    public static let maxHeaderSize = 1024 * 1024
    public static let maxFieldCount = 1000

    /// The header, and the bytes of the last piece that came after it (the start of the body).
    public struct Result: Equatable, Sendable {
        public let header: MessageHeader
        public let body: [UInt8]
    }

    /// The header read so far and any bytes after it in the last piece.
    private var raw: [UInt8] = []
    /// Where the first line not yet taken starts.
    private var lineStart = 0
    /// How far the search for that line's end got.
    private var scanned = 0
    /// Where the field being collected (its first line) starts.
    private var fieldStart: Int?
    private var fieldCount = 0
    private var header = MessageHeader()
    private var isDone = false

    public init() {}

    /// Takes the next piece of the message. Returns nil while the header goes on.
    /// - Throws: `SMTPError(.messageHeaderTooLarge)` past the limits; `SMTPError(.badAddress)`
    ///   for a recipient field that does not parse.
    public mutating func consume(_ piece: some Collection<UInt8>) throws -> Result? {
        precondition(!isDone, "MessageHeaderReader used after the header ended")
        raw.append(contentsOf: piece)
        if let result = try takeLines(atEnd: false) { return result }
        guard raw.count <= Self.maxHeaderSize else { throw Self.tooLarge }
        return nil
    }

    /// The message ended: whatever was read is the header.
    public mutating func finish() throws -> Result {
        precondition(!isDone, "MessageHeaderReader used after the header ended")
        guard let result = try takeLines(atEnd: true) else {
            preconditionFailure("at the end every line is complete")
        }
        return result
    }

    private static let tooLarge = SMTPError(.messageHeaderTooLarge, "Message header too large (limit 1 MiB)")

    private mutating func takeLines(atEnd: Bool) throws -> Result? {
        while true {
            guard let (contentEnd, lineEnd) = nextLine(atEnd: atEnd) else { return nil }
            if lineStart == raw.count {
                return try complete(bodyStart: lineStart)
            }
            guard lineEnd <= Self.maxHeaderSize else { throw Self.tooLarge }
            if contentEnd == lineStart {
                try endField(at: lineStart)
                header.bytes += raw[lineStart..<lineEnd]
                return try complete(bodyStart: lineEnd)
            }
            let first = raw[lineStart]
            if first == .space || first == .tab {
                guard fieldStart != nil else { return try complete(bodyStart: lineStart) }
            } else if Self.fieldNameEnd(raw[lineStart..<contentEnd]) != nil {
                try endField(at: lineStart)
                fieldCount += 1
                guard fieldCount <= Self.maxFieldCount else {
                    throw SMTPError(.messageHeaderTooLarge, "Message header has too many fields (limit 1000)")
                }
                fieldStart = lineStart
            } else {
                try endField(at: lineStart)
                return try complete(bodyStart: lineStart)
            }
            lineStart = lineEnd
        }
    }

    /// The end of the content and of the line starting at `lineStart`; nil while that is not
    /// known yet. At the end of the input, an unended line ends there, and an empty rest
    /// gives (`raw.count`, `raw.count`) with `lineStart == raw.count`.
    private mutating func nextLine(atEnd: Bool) -> (Int, Int)? {
        var i = max(scanned, lineStart)
        while i < raw.count {
            if raw[i] == .lf { return (i, i + 1) }
            if raw[i] == .cr {
                if i + 1 < raw.count { return (i, raw[i + 1] == .lf ? i + 2 : i + 1) }
                if atEnd { return (i, i + 1) }
                scanned = i
                return nil
            }
            i += 1
        }
        scanned = raw.count
        return atEnd ? (raw.count, raw.count) : nil
    }

    /// Ends the field being collected at `end`: keeps its bytes unless it is a Bcc, and keeps
    /// the values of address fields.
    private mutating func endField(at end: Int) throws {
        guard let start = fieldStart else { return }
        fieldStart = nil
        let field = raw[start..<end]
        guard let colon = Self.fieldNameEnd(field) else { return }
        var nameEnd = colon
        while nameEnd > start, raw[nameEnd - 1] == .space || raw[nameEnd - 1] == .tab { nameEnd -= 1 }
        let name = String(decoding: raw[start..<nameEnd], as: UTF8.self).lowercased()
        if name.hasPrefix("resent-") { header.isResent = true }
        if name != "bcc" && name != "resent-bcc" { header.bytes += field }
        let addressNames: Set<String> = ["to", "cc", "bcc", "from", "sender"]
        if addressNames.contains(name)
            || (name.hasPrefix("resent-") && addressNames.contains(String(name.dropFirst(7))))
        {
            header.addressFields.append((name, field[(colon + 1)...].filter { $0 != .cr && $0 != .lf }))
        }
    }

    private mutating func complete(bodyStart: Int) throws -> Result {
        try endField(at: bodyStart)
        try header.collectRecipients()
        isDone = true
        return Result(header: header, body: Array(raw[bodyStart...]))
    }

    /// The index of the `:` ending a field name at the start of `line`, or nil when the line
    /// does not start with one.
    //  field-name *WSP ":"
    static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        var i = line.startIndex
        while i < line.endIndex, line[i] >= 33, line[i] <= 126, line[i] != UInt8(ascii: ":") { i += 1 }
        guard i > line.startIndex else { return nil }
        while i < line.endIndex, line[i] == .space || line[i] == .tab { i += 1 }
        return i < line.endIndex && line[i] == UInt8(ascii: ":") ? i : nil
    }
}
