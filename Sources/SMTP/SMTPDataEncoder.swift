/// Turns a message into the bytes sent after DATA's 354 (RFC 5321 4.5.2 and 2.3.8): a
/// streaming value-type encoder fed the message in pieces of any size, split anywhere.
///
/// - Every line ending becomes CR LF: CR LF is kept, a bare LF or a bare CR becomes CR LF. So
///   the server sees exactly the lines this encoder sees, whatever its own line-ending rules.
/// - Every line starting with `.` gets one more `.`, whatever line ending came before it: no
///   `\n.\n`, `\r.\r` or `\r\n.\r\n` in the message can end DATA early (SMTP smuggling).
/// - `finish()` gives the terminator: CR LF if the message did not end with a line ending, then
///   `.` CR LF.
///
/// Memory: the state is a few bytes; each call's output is at most twice its input (one
/// input byte gives at most two output bytes).
//  (RFC 5321 gives no ABNF for this; the shape of the output, in its terms:)
//  data-body    = *( stuffed-line CRLF ) "." CRLF
//  stuffed-line = [ "." ] line            ; the extra "." exactly when line starts with "."
//  line         = *( %d0-9 / %d11-12 / %d14-255 )   ; anything but CR and LF
public struct SMTPDataEncoder: Sendable {
    private enum State: Sendable {
        /// At the start of a line (or of the message).
        case lineStart
        /// Just wrote CR LF for a CR: a LF now is the rest of that line ending.
        case afterCR
        case midLine
        case finished
    }

    private var state = State.lineStart
    /// Message bytes taken.
    public private(set) var inputByteCount: UInt64 = 0
    /// Bytes produced, terminator included once `finish()` ran.
    public private(set) var outputByteCount: UInt64 = 0
    /// Whether the message had a byte over 127 (so BODY=8BITMIME applies, RFC 6152).
    public private(set) var contains8BitBytes = false

    public init() {}

    /// Appends the wire bytes for `chunk` to `output`.
    public mutating func encode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        precondition(state != .finished, "SMTPDataEncoder used after finish()")
        let before = output.count
        output.reserveCapacity(before + 2 * chunk.count)
        var i = 0
        while i < chunk.count {
            let byte = chunk[i]
            switch (state, byte) {
            case (.afterCR, .lf):
                state = .lineStart
                i += 1
                continue
            case (_, .cr):
                output.append(.cr)
                output.append(.lf)
                state = .afterCR
                i += 1
                continue
            case (_, .lf):
                output.append(.cr)
                output.append(.lf)
                state = .lineStart
                i += 1
                continue
            case (.lineStart, UInt8(ascii: ".")), (.afterCR, UInt8(ascii: ".")):
                output.append(UInt8(ascii: "."))
            default:
                break
            }
            // The rest of the line up to the next CR or LF goes out as it is.
            var end = i
            var high: UInt8 = 0
            while end < chunk.count, chunk[end] != .cr, chunk[end] != .lf {
                high |= chunk[end]
                end += 1
            }
            if high & 0x80 != 0 { contains8BitBytes = true }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[i..<end]))
            state = .midLine
            i = end
        }
        inputByteCount += UInt64(chunk.count)
        outputByteCount += UInt64(output.count - before)
    }

    /// The wire bytes for `chunk`.
    public mutating func encode(_ chunk: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        let bytes = Array(chunk)
        bytes.withUnsafeBytes { encode($0, into: &output) }
        return output
    }

    /// The end of the DATA body: CR LF if the last line was not ended, then `.` CR LF.
    /// The encoder takes nothing after this.
    public mutating func finish() -> [UInt8] {
        precondition(state != .finished, "SMTPDataEncoder finished twice")
        let terminator: [UInt8] = state == .midLine ? Array("\r\n.\r\n".utf8) : Array(".\r\n".utf8)
        state = .finished
        outputByteCount += UInt64(terminator.count)
        return terminator
    }
}
