/// One server response as framed off the wire, before its meaning is parsed: its lines and the
/// literals between them (RFC 3501 section 2.2.2: a response ends with a line that announces no
/// literal).
public struct IMAPResponseFrame: Equatable, Sendable {
    /// The lines as received, without CR LF. Every line but the last ends with a literal
    /// announcement (`{n}` or `~{n}`); literal i follows line i.
    public var lines: [[UInt8]]
    /// The literals, in order: `lines.count - 1` of them in a complete frame.
    public var literals: [IMAPFramedLiteral]

    public init(lines: [[UInt8]], literals: [IMAPFramedLiteral] = []) {
        self.lines = lines
        self.literals = literals
    }

    /// What curl writes of this response for a custom command (`-X`): the first line with its
    /// CR LF and, when it announces one, the literal after it. curl writes only lines that
    /// start with `*`, so the rest of a response after a literal (the closing `)`, items
    /// after it, further literals) is not written (curl's tests 841, 1847).
    public var customCommandOutput: [UInt8] {
        var out = lines.first ?? []
        out += [.cr, .lf]
        if let first = literals.first, case .bytes(let bytes) = first.content { out += bytes }
        return out
    }

    /// The response as the server sent it, CR LF after each line, collected literals in place
    /// (streamed and discarded literals are left out).
    public var wireBytes: [UInt8] {
        var out: [UInt8] = []
        for (index, line) in lines.enumerated() {
            out += line
            out += [.cr, .lf]
            if index < literals.count, case .bytes(let bytes) = literals[index].content { out += bytes }
        }
        return out
    }
}

/// A literal of a framed response.
public struct IMAPFramedLiteral: Equatable, Sendable {
    public enum Content: Equatable, Sendable {
        /// Kept in memory.
        case bytes([UInt8])
        /// Handed to an `IMAPLiteralSink` as it arrived; not kept.
        case streamed
        /// Read and dropped.
        case discarded
    }

    /// The announced size: for a streamed or discarded literal, the number of bytes that went by.
    public let size: UInt64
    /// A literal8 (`~{n}`, RFC 3516).
    public let isBinary: Bool
    public let content: Content

    public init(size: UInt64, isBinary: Bool = false, content: Content) {
        self.size = size
        self.isBinary = isBinary
        self.content = content
    }

    /// A literal kept in memory.
    public static func bytes(_ bytes: [UInt8], isBinary: Bool = false) -> IMAPFramedLiteral {
        IMAPFramedLiteral(size: UInt64(bytes.count), isBinary: isBinary, content: .bytes(bytes))
    }
}
