import Codec

/// One SMTP reply (RFC 5321 section 4.2): a three-digit code and one or more lines of text,
/// as framed by `SMTPReplyParser`.
public struct SMTPReply: Equatable, Sendable {
    /// The reply code, 200 to 559.
    public let code: Int
    /// The RFC 3463 code at the start of the first line's text, when there is one.
    public let enhancedStatusCode: EnhancedStatusCode?
    /// Each line's text after the code and its separator (the enhanced code included), in
    /// order; an empty string for a line that is only the code. Bytes that are not UTF-8 are
    /// replaced (U+FFFD).
    public let lines: [String]
    /// Each line as received, without its line ending: what `-v` shows.
    public let rawLines: [[UInt8]]

    /// A reply built from its parts (for tests and scripted servers). `rawLines` are made from
    /// the text the way a server would send it (`250-first`, `250 last`).
    public init(code: Int, lines: [String]) {
        let lines = lines.isEmpty ? [""] : lines
        self.code = code
        self.lines = lines
        self.rawLines = lines.enumerated().map { index, text in
            Array("\(code)\(index == lines.count - 1 ? " " : "-")\(text)".utf8)
        }
        self.enhancedStatusCode = EnhancedStatusCode.parse(prefixOf: Array(lines[0].utf8)[...], replyCode: code)?.0
    }

    init(code: Int, enhancedStatusCode: EnhancedStatusCode?, lines: [String], rawLines: [[UInt8]]) {
        self.code = code
        self.enhancedStatusCode = enhancedStatusCode
        self.lines = lines
        self.rawLines = rawLines
    }

    /// 2yz: the command was carried out.
    public var isPositiveCompletion: Bool { code / 100 == 2 }
    /// 3yz: go on (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { code / 100 == 3 }
    /// 4yz: refused for now; trying again later may work.
    public var isTransientNegative: Bool { code / 100 == 4 }
    /// 5yz: refused.
    public var isPermanentNegative: Bool { code / 100 == 5 }

    /// The code and all lines' text on one line, for error messages: `550 5.7.1 Relaying
    /// denied`. Continuation lines lose an enhanced code repeating the first line's; anything
    /// but printable ASCII shows as `?`; the whole is cut after 1,000 characters.
    public var summary: String {
        var text = String(code)
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)[...]
            if index > 0, let enhanced = enhancedStatusCode,
                let (repeated, length) = EnhancedStatusCode.parse(prefixOf: bytes, replyCode: code),
                repeated == enhanced
            {
                bytes = bytes.dropFirst(length).drop(while: { $0 == .space })
            }
            if !bytes.isEmpty { text += " " + String(decoding: bytes, as: UTF8.self) }
        }
        return printable(text, limit: 1000)
    }
}
