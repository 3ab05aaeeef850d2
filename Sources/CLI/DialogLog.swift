/// The dialog of a run as the report keeps it: each line sent or received, as `-v` shows it
/// (secrets already redacted by the protocol code, server text escaped), with the reply code
/// the command's `ReportDialect` reads in it. Bounded, because a mailbox pull's dialog grows
/// with the mailbox: the first `headLimit` lines and the last `tailLimit` are kept, and the
/// number left out between them is counted.
public struct DialogLog: Encodable {
    public struct Line: Encodable, Sendable {
        public enum Direction: String, Encodable, Sendable { case sent, received }
        public var direction: Direction
        public var text: String
        /// "250", "+OK", "OK", "200"...; nil for a line that carries none (a listing line).
        public var code: String?

        public init(direction: Direction, text: String, code: String?) {
            self.direction = direction
            self.text = text
            self.code = code
        }

        private enum CodingKeys: String, CodingKey { case direction, text, code }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(direction, forKey: .direction)
            try container.encode(text, forKey: .text)
            try container.encode(code, forKey: .code)
        }
    }

    public static let headLimit = 2000
    public static let tailLimit = 1000
    /// Longer lines are cut (server lines are bounded by the protocols' limits already).
    public static let maxLineLength = 4096

    private(set) var head: [Line] = []
    /// A ring of the latest lines once `head` is full; `tailStart` is its oldest.
    private var tail: [Line] = []
    private var tailStart = 0
    public private(set) var omitted = 0

    public init() {}

    /// All lines kept, in order (the omitted ones between head and tail).
    public var lines: [Line] {
        head + tail[tailStart...] + tail[..<tailStart]
    }

    public mutating func append(_ line: Line) {
        var line = line
        if line.text.utf8.count > Self.maxLineLength {
            line.text = String(decoding: line.text.utf8.prefix(Self.maxLineLength), as: UTF8.self)
        }
        if head.count < Self.headLimit {
            head.append(line)
        } else if tail.count < Self.tailLimit {
            tail.append(line)
        } else {
            tail[tailStart] = line
            tailStart = (tailStart + 1) % Self.tailLimit
            omitted += 1
        }
    }

    private enum CodingKeys: String, CodingKey { case lines, omitted }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lines, forKey: .lines)
        try container.encode(omitted, forKey: .omitted)
    }

    /// Splits traced bytes into lines as `-v` does: on LF, a CR before it dropped, no empty last
    /// line after a final line end.
    static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            var end = i
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            result.append(bytes[start..<end])
            start = i + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }
}
