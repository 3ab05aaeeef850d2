/// Says where a reply ends, one line at a time: curl's pingpong asks each protocol only this.
/// Framers are value types without I/O (`LineSession` feeds them), so they are tested with
/// lines in, replies out, and split at any point.
public protocol LineFramer {
    associatedtype Reply
    /// The bounds this framer enforces; `LineSession` reads no line longer than `maxLineLength`.
    var limits: LineLimits { get }
    /// True once a first line has been taken (a close after it is a truncated reply).
    var hasStarted: Bool { get }
    /// Takes one line without its line ending; returns the reply once complete, nil when more
    /// lines are needed. A framer is used for one reply.
    /// - Throws: `LineFramingError` (`.lineTooLong`, `.replyTooLong`, `.tooManyLines`,
    ///   `.malformed`), or the protocol's own error when its framer words them itself.
    mutating func consume(line: [UInt8]) throws -> Reply?
}

extension LineFramer {
    /// Counts one line against `limits`: its length, the reply's line count and total size.
    static func account(
        _ line: [UInt8], limits: LineLimits, lineCount: Int,
        size: inout Int, what: String
    ) throws(LineFramingError) {
        guard line.count <= limits.maxLineLength else {
            throw LineFramingError(
                .lineTooLong, "Server \(what) line too long (limit \(LineLimits.describe(limits.maxLineLength)))")
        }
        size += line.count + 2
        guard size <= limits.maxReplySize else {
            throw LineFramingError(
                .replyTooLong, "Server \(what) too long (limit \(LineLimits.describe(limits.maxReplySize)))")
        }
        guard lineCount < limits.maxLineCount else {
            throw LineFramingError(.tooManyLines, "Server \(what) has too many lines (limit \(limits.maxLineCount))")
        }
    }
}
