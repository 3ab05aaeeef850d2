/// The lines of a line-oriented multi-line response (POP3 LIST, UIDL, CAPA; RFC 1939 3): each
/// loses a first `.` followed by more (byte-stuffing), and a line that is only `.` ends it.
public struct DotTerminatedLineFramer: Sendable {
    public let maxCount: Int
    /// What the listing is, for messages ("CAPA response").
    public let what: String
    private var count = 0

    public init(maxCount: Int, what: String) {
        self.maxCount = maxCount
        self.what = what
    }

    /// Returns the unstuffed content of `line`, or nil for the terminating `.` line.
    /// - Throws: `LineFramingError(.tooManyLines)` past `maxCount` lines.
    public mutating func consume(line: [UInt8]) throws(LineFramingError) -> ArraySlice<UInt8>? {
        if line == [.dot] { return nil }
        count += 1
        guard count <= maxCount else {
            throw LineFramingError(.tooManyLines, "Server \(what) has too many lines (limit \(maxCount))")
        }
        return line.first == .dot ? line[1...] : line[...]
    }
}
