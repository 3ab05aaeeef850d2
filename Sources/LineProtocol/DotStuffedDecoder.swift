#if canImport(Glibc)
    import Glibc
#endif

/// The body of a multi-line response, decoded from bytes as they arrive (RFC 1939 section 3): a
/// value-type state machine with no I/O. It removes the byte-stuffing dot, finds the terminating
/// `.` line, and hands the content on in runs as large as the input allows, line endings kept
/// as sent. Input can be cut anywhere: between the dot and CR, between CR and LF...
///
/// RFC 1939's rule, exactly: a line that begins with `.` and has more than CR LF after it loses
/// that first dot (`..x` is `.x`, a lone `..` is `.`, and a `.x` a server failed to stuff is
/// `x`); only CR LF `.` CR LF ends the response: a `.` line after a bare LF, or ending in a bare
/// LF, is content (its dot removed), so a body cannot end itself early and have its remaining
/// lines read as the next responses of a pipeline. Tolerated: a bare LF as a line end inside
/// the body, CR inside a line (passed on).
//  multi-line = single-line *dot-stuffed-line "." CRLF
//  dot-stuffed-line = ( "." 1*ochar / [ochar-but-dot *ochar] ) CRLF   ; informal, RFC 1939 3
public struct DotStuffedDecoder: Sendable {
    private enum State: Sendable {
        /// At the first byte of a line (the response's first line starts here).
        case lineStart
        /// A line's first byte was `.`; it has been held back.
        case dot
        /// `.` CR held back: LF ends the response, anything else makes the CR content.
        case dotCR
        /// Inside a line's content.
        case inLine
        case ended
    }

    private static let crByte: [UInt8] = [.cr]

    private var state = State.lineStart
    private var lineLength = 0
    /// The line before the current one ended with CR LF (the status line counts as one): only
    /// then can a `.` line end the response.
    private var previousLineEndedWithCRLF = true
    /// The last byte taken before the current piece's scan position was CR.
    private var lastWasCR = false
    /// Bytes before a line's LF, the dot and CR included; more is an endless line.
    public let maxLineLength: Int
    /// Content bytes handed on so far.
    public private(set) var decodedCount: UInt64 = 0

    public init(maxLineLength: Int = 1024 * 1024) {
        self.maxLineLength = maxLineLength
    }

    /// True once the terminating line has been decoded.
    public var isComplete: Bool { if case .ended = state { true } else { false } }

    /// True when no byte of the body has arrived yet, or the last one ended a line: a close of
    /// the connection now leaves no partial line behind (still a cut-short response).
    public var isAtLineStart: Bool { if case .lineStart = state { true } else { false } }

    /// Decodes `input`, handing content to `emit` in runs (never empty).
    /// - Returns: nil when all of `input` was taken and the response goes on; the number of
    ///   bytes of `input` taken, up to and including the terminating line's LF, once it ends
    ///   (bytes after it belong to the next response).
    /// - Throws: `LineFramingError(.lineTooLong)`; whatever `emit` throws.
    /// - Precondition: not `isComplete`.
    public mutating func decode(
        _ input: UnsafeRawBufferPointer,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int? {
        precondition(!isComplete, "the response has ended")
        let count = input.count
        var i = 0
        var runStart = 0
        func flush(upTo end: Int) throws {
            if end > runStart {
                try emit(UnsafeRawBufferPointer(rebasing: input[runStart..<end]))
                decodedCount += UInt64(end - runStart)
            }
        }
        while i < count {
            switch state {
            case .inLine:
                i = try scanLine(input, from: i)
            case .lineStart:
                if input[i] == .dot {
                    try flush(upTo: i)
                    i += 1
                    runStart = i
                    lineLength = 1
                    state = .dot
                } else {
                    state = .inLine
                }
            case .dot:
                switch input[i] {
                case .cr:
                    i += 1
                    runStart = i
                    lineLength += 1
                    state = .dotCR
                default:
                    // `.` LF, or more after the dot: content without its stuffing dot.
                    lastWasCR = false
                    state = .inLine
                }
            case .dotCR:
                if input[i] == .lf && previousLineEndedWithCRLF {
                    state = .ended
                    return i + 1
                }
                try Self.crByte.withUnsafeBytes { try emit($0) }
                decodedCount += 1
                lastWasCR = true
                state = .inLine
            case .ended:
                preconditionFailure("the response has ended")
            }
        }
        try flush(upTo: count)
        return nil
    }

    /// Takes content up to and including the next LF; returns the index after what was taken.
    private mutating func scanLine(_ input: UnsafeRawBufferPointer, from i: Int) throws -> Int {
        let count = input.count
        // memchr: a line's bytes are looked at by the C library's word-wide scan, not one by one.
        let j =
            memchr(input.baseAddress! + i, Int32(UInt8.lf), count - i).map {
                input.baseAddress!.distance(to: UnsafeRawPointer($0))
            } ?? count
        lineLength += j - i
        guard lineLength <= maxLineLength else { throw Self.endlessLine(maxLineLength) }
        guard j < count else {
            if count > i { lastWasCR = input[count - 1] == .cr }
            return count
        }
        previousLineEndedWithCRLF = j > i ? input[j - 1] == .cr : lastWasCR
        lastWasCR = false
        state = .lineStart
        lineLength = 0
        return j + 1
    }

    static func endlessLine(_ limit: Int) -> LineFramingError {
        LineFramingError(.lineTooLong, "Server sent a line longer than \(limit) bytes in a multi-line response")
    }
}
