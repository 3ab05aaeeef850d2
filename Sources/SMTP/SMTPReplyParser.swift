/// Frames one reply from the lines a `ByteStream` reads, one at a time: a value-type state
/// machine with no I/O. Framing only: what the text says is for `SMTPCapabilities` and the
/// session.
///
/// Limits (the peer is hostile; DESIGN.md rule 5): a line of at most 8 KiB without its line
/// ending (RFC 5321 4.5.3.1.5 allows 512 octets with CR LF; long AUTH lists and rejection texts
/// exceed that in the wild, so sixteen times as much is tolerated), at most 1,000 lines, at
/// most 256 KiB per reply counting two bytes of line ending per line. So a reply that never
/// ends costs at most 256 KiB of memory before it is an error.
///
/// Tolerated beyond the ABNF: text in UTF-8 (RFC 6531) or with other control characters
/// (shown escaped by the trace and as `?` in messages), a bare LF as line ending (the
/// `ByteStream` line reader's rule). Refused: NUL or CR inside a line.
//  Reply-line = *( Reply-code "-" [ textstring ] CRLF )
//               Reply-code [ SP textstring ] CRLF
//  Reply-code = %x32-35 %x30-35 %x30-39
//  textstring = 1*(%d09 / %d32-126)
public struct SMTPReplyParser: Sendable {
    public static let maxLineLength = 8 * 1024
    public static let maxLineCount = 1000
    public static let maxReplySize = 256 * 1024

    private var code: Int?
    private var enhancedStatusCode: EnhancedStatusCode?
    private var lines: [String] = []
    private var rawLines: [[UInt8]] = []
    private var size = 0

    public init() {}

    /// True once a first line has been taken (a close after it is a truncated reply).
    public var hasStarted: Bool { code != nil }

    /// Takes one line without its line ending; returns the reply once its last line (SP or
    /// nothing after the code) has been taken. Call again with a fresh parser for the next reply.
    /// - Throws: `SMTPError` `.malformedReply`, `.replyTooLong` or `.tooManyLines`.
    public mutating func consume(line: [UInt8]) throws -> SMTPReply? {
        guard line.count <= SMTPReplyParser.maxLineLength else {
            throw SMTPError(.replyTooLong, "Server reply line too long (limit 8 KiB)")
        }
        size += line.count + 2
        guard size <= SMTPReplyParser.maxReplySize else {
            throw SMTPError(.replyTooLong, "Server reply too long (limit 256 KiB)")
        }
        guard rawLines.count < SMTPReplyParser.maxLineCount else {
            throw SMTPError(.tooManyLines, "Server reply has too many lines (limit 1000)")
        }
        let (lineCode, isLast, text) = try Self.parseLine(line)
        if let code {
            guard lineCode == code else {
                throw SMTPError.malformed("Invalid multi-line reply: a line with code \(lineCode) inside a reply with code \(code)")
            }
        } else {
            code = lineCode
            enhancedStatusCode = EnhancedStatusCode.parse(prefixOf: text, replyCode: lineCode)?.0
        }
        lines.append(String(decoding: text, as: UTF8.self))
        rawLines.append(line)
        guard isLast else { return nil }
        return SMTPReply(code: lineCode, enhancedStatusCode: enhancedStatusCode, lines: lines, rawLines: rawLines)
    }

    /// Splits one line into its code, whether it is the reply's last line, and its text.
    static func parseLine(_ line: [UInt8]) throws -> (code: Int, isLast: Bool, text: ArraySlice<UInt8>) {
        guard line.count >= 3, line[0].isASCIIDigit, line[1].isASCIIDigit, line[2].isASCIIDigit else {
            throw SMTPError.malformed("Invalid reply line from server: no three-digit code: \(printable(line.prefix(40)))")
        }
        let code = Int(line[0] - 0x30) * 100 + Int(line[1] - 0x30) * 10 + Int(line[2] - 0x30)
        guard (2...5).contains(code / 100), (0...5).contains(code / 10 % 10) else {
            throw SMTPError.malformed("Invalid reply code from server: \(code)")
        }
        guard !line.contains(where: { $0 == 0 || $0 == .cr }) else {
            throw SMTPError.malformed("Invalid reply line from server: NUL or CR inside the line")
        }
        if line.count == 3 { return (code, true, []) }
        switch line[3] {
        case .space: return (code, true, line[4...])
        case UInt8(ascii: "-"): return (code, false, line[4...])
        default:
            throw SMTPError.malformed("Invalid reply line from server: no SP or '-' after the code: \(printable(line.prefix(40)))")
        }
    }
}
