import LineProtocol

/// SMTP's framer: LineProtocol's numeric-reply framer in its strict RFC 5321 mode, with each
/// framed reply built into an `SMTPReply` (the grammar value) and framing failures worded as
/// `SMTPError`. A value-type state machine with no I/O.
///
/// Limits are `LineLimits` (the peer is hostile; DESIGN.md rule 5): so a reply that never ends
/// costs at most `maxReplySize` of memory before it is an error.
///
/// Tolerated beyond the ABNF: text in UTF-8 (RFC 6531) or with other control characters
/// (shown escaped by the trace and as `?` in messages), a bare LF as line ending (the
/// `ByteStream` line reader's rule). Refused: NUL or CR inside a line.
public struct SMTPReplyParser: LineFramer, Sendable {
    public static let maxLineLength = LineLimits.default.maxLineLength
    public static let maxLineCount = LineLimits.default.maxLineCount
    public static let maxReplySize = LineLimits.default.maxReplySize

    private var framer: NumericReplyFramer

    public init(limits: LineLimits = .default) {
        framer = NumericReplyFramer(mode: .strict, limits: limits)
    }

    public var limits: LineLimits { framer.limits }
    public var hasStarted: Bool { framer.hasStarted }

    /// Takes one line without its line ending; returns the reply once its last line (SP or
    /// nothing after the code) has been taken. Call again with a fresh parser for the next reply.
    /// - Throws: `SMTPError` `.malformedReply`, `.replyTooLong` or `.tooManyLines`.
    public mutating func consume(line: [UInt8]) throws -> SMTPReply? {
        let framed: NumericReply?
        do {
            framed = try framer.consume(line: line)
        } catch {
            throw SMTPError.framing(error)
        }
        guard let reply = framed else { return nil }
        let lines = reply.texts.map { String(decoding: $0, as: UTF8.self) }
        let enhanced = reply.texts.first.flatMap { EnhancedStatusCode.parse(prefixOf: $0, replyCode: reply.code)?.0 }
        return SMTPReply(code: reply.code, enhancedStatusCode: enhanced, lines: lines, rawLines: reply.rawLines)
    }
}
