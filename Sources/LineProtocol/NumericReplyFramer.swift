import Codec

/// One reply of a protocol whose replies start with a three-digit code (SMTP, FTP): the code and
/// each line as received, without its line ending.
public struct NumericReply: Equatable, Sendable {
    public let code: Int
    /// Each line's text after the code and its separator (empty for a bare code); for RFC 959's
    /// free continuation lines, the whole line.
    public let texts: [ArraySlice<UInt8>]
    /// Each line as received: what `-v` showed.
    public let rawLines: [[UInt8]]
}

/// Frames numeric replies, a line at a time.
///
/// - `.strict` (SMTP, RFC 5321 4.2): every line is `ddd-text` or `ddd text` (or a bare `ddd`)
///   with the same code, the first digit 2 to 5 and the second 0 to 5.
/// - `.rfc959` (FTP, RFC 959 4.2): a first line `ddd-` opens a reply that ends with the first
///   line starting with the same `ddd ` (or a bare `ddd`); lines between are any text.
///   The first digit may be 1 (preliminary replies).
///
/// Refused in both: NUL or CR inside a line.
//  Reply-line = *( Reply-code "-" [ textstring ] CRLF )
//               Reply-code [ SP textstring ] CRLF
//  Reply-code = %x32-35 %x30-35 %x30-39
public struct NumericReplyFramer: LineFramer, Sendable {
    public enum Mode: Sendable { case strict, rfc959 }

    public let mode: Mode
    public let limits: LineLimits
    private var code: Int?
    private var texts: [ArraySlice<UInt8>] = []
    private var rawLines: [[UInt8]] = []
    private var size = 0

    public init(mode: Mode, limits: LineLimits = .default) {
        self.mode = mode
        self.limits = limits
    }

    public var hasStarted: Bool { code != nil }

    public mutating func consume(line: [UInt8]) throws(LineFramingError) -> NumericReply? {
        try Self.account(line, limits: limits, lineCount: rawLines.count, size: &size, what: "reply")
        let parsed: (code: Int, isLast: Bool, text: ArraySlice<UInt8>)
        if let code, mode == .rfc959 {
            guard let last = try? parseLine(line), last.code == code, last.isLast else {
                try Self.checkControls(line)
                rawLines.append(line)
                texts.append(line[...])
                return nil
            }
            parsed = last
        } else {
            parsed = try parseLine(line)
        }
        if let code, parsed.code != code {
            throw Self.malformed(
                "Invalid multi-line reply: a line with code \(parsed.code) inside a reply with code \(code)")
        }
        code = parsed.code
        texts.append(parsed.text)
        rawLines.append(line)
        guard parsed.isLast else { return nil }
        return NumericReply(code: parsed.code, texts: texts, rawLines: rawLines)
    }

    /// Splits one line into its code, whether it is the reply's last line, and its text.
    func parseLine(_ line: [UInt8]) throws(LineFramingError) -> (code: Int, isLast: Bool, text: ArraySlice<UInt8>) {
        guard line.count >= 3, line[0].isASCIIDigit, line[1].isASCIIDigit, line[2].isASCIIDigit else {
            throw Self.malformed("Invalid reply line from server: no three-digit code: \(printable(line.prefix(40)))")
        }
        let code = Int(line[0] - 0x30) * 100 + Int(line[1] - 0x30) * 10 + Int(line[2] - 0x30)
        let firstDigits = mode == .strict ? 2...5 : 1...5
        guard firstDigits.contains(code / 100), (0...5).contains(code / 10 % 10) else {
            throw Self.malformed("Invalid reply code from server: \(code)")
        }
        try Self.checkControls(line)
        if line.count == 3 { return (code, true, []) }
        switch line[3] {
        case 0x20: return (code, true, line[4...])
        case UInt8(ascii: "-"): return (code, false, line[4...])
        default:
            throw Self.malformed(
                "Invalid reply line from server: no SP or '-' after the code: \(printable(line.prefix(40)))")
        }
    }

    static func checkControls(_ line: [UInt8]) throws(LineFramingError) {
        guard !line.contains(where: { $0 == 0 || $0 == .cr }) else {
            throw malformed("Invalid reply line from server: NUL or CR inside the line")
        }
    }

    static func malformed(_ message: String) -> LineFramingError { LineFramingError(.malformed, message) }
}
