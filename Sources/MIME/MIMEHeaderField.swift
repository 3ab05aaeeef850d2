import Codec

/// One header field of a composed message or part (RFC 5322 2.2), written with non-ASCII text
/// as RFC 2047 encoded-words, so the header stays ASCII whatever the server offers.
public struct MIMEHeaderField: Equatable, Sendable {
    public let name: String
    public let value: String

    //  field-name = 1*ftext
    //  ftext      = %d33-57 / %d59-126      ; printable US-ASCII except ":"
    /// - Throws: `MIMEError(.badArgument)` for an empty or non-`ftext` name, or a value with a
    ///   control character other than tab (a CR or LF would start another field).
    public init(name: String, value: String) throws(MIMEError) {
        guard !name.isEmpty, name.utf8.allSatisfy({ (33...126).contains($0) && $0 != UInt8(ascii: ":") }) else {
            throw MIMEError(.badArgument, "Invalid header field name \"\(printable(name, limit: 100))\"")
        }
        guard !value.utf8.contains(where: { $0.isControl && $0 != .tab }) else {
            throw MIMEError(.badArgument, "The header field \(name) has a control character (a line break?)")
        }
        self.name = name
        self.value = value
    }

    /// A `-H` argument or a `headers=` line: `Name: value` (white space around the value dropped).
    public init(parsing line: String) throws(MIMEError) {
        guard let colon = line.firstIndex(of: ":") else {
            throw MIMEError(.badArgument, "A header field is Name: value, not \"\(printable(line, limit: 100))\"")
        }
        var value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        while value.last == " " || value.last == "\t" { value = value.dropLast() }
        try self.init(name: String(line[..<colon]), value: String(value))
    }

    /// The fields of a `headers=@FILE` file, as curl reads one: empty lines and lines starting
    /// with `#` are skipped, a line starting with white space continues the field before it,
    /// CRs and trailing white space are dropped.
    public static func fields(inFile text: String) throws(MIMEError) -> [MIMEHeaderField] {
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.filter { $0 != "\r" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t", let last = lines.popLast() {
                lines.append(last + " " + line.drop { $0 == " " || $0 == "\t" })
            } else {
                lines.append(line)
            }
        }
        var fields: [MIMEHeaderField] = []
        for line in lines { fields.append(try MIMEHeaderField(parsing: line)) }
        return fields
    }

    /// `Name: value` CR LF, non-ASCII words as encoded-words on folded lines.
    public var encoded: [UInt8] {
        var line = Array(name.utf8) + Array(":".utf8)
        for token in EncodedWords.tokens(value) {
            let lastLineLength = line.count - ((line.lastIndex(of: .lf)).map { $0 + 1 } ?? 0)
            if lastLineLength + 1 + token.count > 78 && lastLineLength > name.utf8.count + 1 {
                line += [.cr, .lf]
            }
            line += [.space] + token
        }
        return line + [.cr, .lf]
    }
}

/// RFC 2047: `=?UTF-8?B?...?=` for runs of words with non-ASCII bytes; ASCII words as they are.
enum EncodedWords {
    /// Bytes of text per encoded-word: 45 bytes are 60 base64 characters, 72 with the
    /// `=?UTF-8?B?` and `?=` around them (RFC 2047 2: at most 75).
    static let maxBytesPerWord = 45

    static func tokens(_ value: String) -> [[UInt8]] {
        let words = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var tokens: [[UInt8]] = []
        var run: [String] = []
        func flush() {
            guard !run.isEmpty else { return }
            tokens += encode(run.joined(separator: " "))
            run = []
        }
        for word in words {
            if word.utf8.allSatisfy({ $0 < 0x80 }) && !word.hasPrefix("=?") {
                flush()
                tokens.append(Array(word.utf8))
            } else {
                run.append(word)
            }
        }
        flush()
        return tokens
    }

    /// Encoded-words for `text`, split between characters, never inside one.
    static func encode(_ text: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for character in text.unicodeScalars {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> [UInt8] {
        Array("=?UTF-8?B?\(Base64.encode(bytes))?=".utf8)
    }
}
