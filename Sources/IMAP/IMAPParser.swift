/// A recursive-descent parser over one framed response (lines and the literals between them),
/// with RFC 3501's ABNF above each rule. Pure: no I/O.
///
/// Two failures are kept apart (DESIGN.md rule 5): `needMoreBytes` means the input ended where
/// the grammar goes on (while reading, the literal announced at the end of the last line has
/// not arrived yet); `badBytes` means the bytes break the grammar and no more input can help.
/// For a complete frame, running out of input is bad bytes.
struct IMAPParser {
    enum Failure: Error, Equatable {
        case needMoreBytes
        case badBytes(String)
    }

    let frame: IMAPResponseFrame
    let limits: IMAPLimits
    /// False while reading: the last line announces a literal that has not arrived.
    let isComplete: Bool
    private(set) var lineIndex = 0
    var offset = 0
    /// `frame.lines[lineIndex]` (empty for a frame without lines).
    private(set) var line: [UInt8]
    private(set) var depth = 0

    init(frame: IMAPResponseFrame, limits: IMAPLimits, isComplete: Bool) {
        self.frame = frame
        self.limits = limits
        self.isComplete = isComplete
        self.line = frame.lines.first ?? []
    }

    // MARK: Position

    var isAtLineEnd: Bool { offset >= line.count }
    var isOnLastLine: Bool { lineIndex >= frame.lines.count - 1 }

    /// The current byte, nil at the end of the line.
    func peek() -> UInt8? { offset < line.count ? line[offset] : nil }
    func peek(ahead n: Int) -> UInt8? { offset + n < line.count ? line[offset + n] : nil }

    /// The failure for running out of line where more is needed.
    func endFailure(_ what: String) -> Failure {
        if isOnLastLine { return isComplete ? .badBytes("the response ends where \(what) should be") : .needMoreBytes }
        return .badBytes("a literal where \(what) should be")
    }

    /// The current byte, which must exist.
    func current(_ what: String) throws -> UInt8 {
        guard let byte = peek() else { throw endFailure(what) }
        return byte
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        let found = try current(what)
        guard found == byte else { throw Failure.badBytes("\(what) expected, found \(describe(found))") }
        offset += 1
    }

    mutating func space() throws { try expect(.space, "SP") }

    /// Skips `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// The end of the response: the end of its last line.
    mutating func expectEnd() throws {
        guard isAtLineEnd else {
            throw Failure.badBytes("unexpected \(describe(line[offset])) where the response should end")
        }
        guard isOnLastLine else { throw Failure.badBytes("unexpected literal where the response should end") }
    }

    /// Moves past everything left (a response this client does not interpret).
    mutating func skipToEnd() {
        lineIndex = max(0, frame.lines.count - 1)
        line = frame.lines.isEmpty ? [] : frame.lines[lineIndex]
        offset = line.count
    }

    /// The rest of the current line.
    mutating func restOfLine() -> ArraySlice<UInt8> {
        let rest = line[min(offset, line.count)...]
        offset = line.count
        return rest
    }

    func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
    }

    // MARK: Nesting

    mutating func enterList() throws {
        try expect(.openParen, "'('")
        depth += 1
        guard depth <= limits.maxNestingDepth else {
            throw Failure.badBytes("parentheses nested deeper than \(limits.maxNestingDepth)")
        }
    }

    mutating func leaveList() throws {
        try expect(.closeParen, "')'")
        depth -= 1
    }

    // MARK: Atoms and numbers

    //  atom            = 1*ATOM-CHAR
    mutating func parseAtom(_ what: String = "atom") throws -> ArraySlice<UInt8> {
        let start = offset
        while let byte = peek(), byte.isAtomChar { offset += 1 }
        guard offset > start else {
            if isAtLineEnd { throw endFailure(what) }
            throw Failure.badBytes("\(what) expected, found \(describe(line[offset]))")
        }
        return line[start..<offset]
    }

    /// An atom in upper case (keywords, capability names).
    mutating func parseKeyword(_ what: String = "keyword") throws -> String {
        let atom = try parseAtom(what)
        // Written in place: a keyword of up to 15 bytes (FETCH, EXISTS, OK...) allocates nothing.
        return String(unsafeUninitializedCapacity: atom.count) { buffer in
            for (i, byte) in atom.enumerated() { buffer[i] = byte.asciiUppercased }
            return atom.count
        }
    }

    /// Whether the next bytes are `word` (any case) and not followed by another atom character.
    func isAtWord(_ word: String) -> Bool {
        let count = word.utf8.count
        guard offset + count <= line.count, line[offset..<(offset + count)].equalsIgnoringCase(word) else {
            return false
        }
        if let next = peek(ahead: count), next.isAtomChar { return false }
        return true
    }

    //  nil             = "NIL"
    mutating func skipNIL() -> Bool {
        guard isAtWord("NIL") else { return false }
        offset += 3
        return true
    }

    //  number          = 1*DIGIT   ; unsigned 63-bit here (RFC 9051 number64)
    mutating func parseNumber64(_ what: String = "number") throws -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        while let byte = peek(), byte.isASCIIDigit {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            guard !o1, !o2, sum <= UInt64(Int64.max) else { throw Failure.badBytes("\(what) too large") }
            value = sum
            offset += 1
        }
        guard offset > start else {
            if isAtLineEnd { throw endFailure(what) }
            throw Failure.badBytes("\(what) expected, found \(describe(line[offset]))")
        }
        return value
    }

    //  number          = 1*DIGIT   ; unsigned 32-bit integer (0 <= n < 4,294,967,296)
    mutating func parseNumber(_ what: String = "number") throws -> UInt32 {
        let value = try parseNumber64(what)
        guard let small = UInt32(exactly: value) else {
            throw Failure.badBytes("\(what) \(value) does not fit 32 bits")
        }
        return small
    }

    //  nz-number       = digit-nz *DIGIT   ; non-zero unsigned 32-bit integer
    mutating func parseNZNumber(_ what: String = "number") throws -> UInt32 {
        let value = try parseNumber(what)
        guard value != 0 else { throw Failure.badBytes("\(what) is 0 where RFC 3501 needs a non-zero number") }
        return value
    }

    // MARK: Strings

    //  quoted          = DQUOTE *QUOTED-CHAR DQUOTE
    //  QUOTED-CHAR     = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials
    //  TEXT-CHAR       = <any CHAR except CR and LF>
    //  Tolerated: 8-bit bytes (UTF-8, RFC 6855). Refused: NUL, CR, LF, "\" before anything
    //  but DQUOTE or "\". Other control characters are TEXT-CHARs: escape them before printing.
    mutating func parseQuoted() throws -> [UInt8] {
        try expect(.quote, "'\"'")
        var out: [UInt8] = []
        // Quoted strings are short (dates, names, flags): one allocation instead of growing.
        out.reserveCapacity(32)
        while true {
            guard let byte = peek() else { throw Failure.badBytes("unterminated quoted string") }
            offset += 1
            switch byte {
            case .quote:
                return out
            case .backslash:
                guard let next = peek(), next == .quote || next == .backslash else {
                    throw Failure.badBytes("invalid escape in quoted string")
                }
                out.append(next)
                offset += 1
            case 0, .cr, .lf:
                throw Failure.badBytes("NUL, CR or LF inside a quoted string")
            default:
                out.append(byte)
            }
        }
    }

    //  literal         = "{" number "}" CRLF *CHAR8
    //  literal8        = "~{" number "}" CRLF *OCTET            ; RFC 3516
    /// The literal announced here: the announcement must end the line, and the frame's literal
    /// for this line follows it. On the last line of an incomplete frame: `needMoreBytes`.
    mutating func parseLiteral(allowBinary: Bool = false) throws -> IMAPFramedLiteral {
        let binary = skip(.tilde)
        if binary && !allowBinary { throw Failure.badBytes("literal8 (~{n}) where only a literal may be") }
        try expect(.openBrace, "'{'")
        let size = try parseNumber64("literal size")
        try expect(.closeBrace, "'}'")
        guard isAtLineEnd else { throw Failure.badBytes("bytes after a literal announcement") }
        guard lineIndex < frame.literals.count else {
            throw isComplete ? Failure.badBytes("literal announced but missing") : Failure.needMoreBytes
        }
        let literal = frame.literals[lineIndex]
        guard literal.size == size, literal.isBinary == binary else {
            throw Failure.badBytes("literal differs from its announcement")
        }
        guard lineIndex + 1 < frame.lines.count else { throw Failure.badBytes("the response ends after a literal") }
        lineIndex += 1
        line = frame.lines[lineIndex]
        offset = 0
        return literal
    }

    /// Whether a literal announcement starts here.
    func isAtLiteral() -> Bool {
        peek() == .openBrace || (peek() == .tilde && peek(ahead: 1) == .openBrace)
    }

    //  string          = quoted / literal
    mutating func parseString(_ what: String = "string") throws -> [UInt8] {
        switch try current(what) {
        case .quote:
            return try parseQuoted()
        case .openBrace:
            let literal = try parseLiteral()
            guard case .bytes(let bytes) = literal.content else {
                throw Failure.badBytes("a streamed literal where \(what) should be")
            }
            return bytes
        case let other:
            throw Failure.badBytes("\(what) expected, found \(describe(other))")
        }
    }

    //  astring         = 1*ASTRING-CHAR / string
    mutating func parseAString(_ what: String = "astring") throws -> [UInt8] {
        let byte = try current(what)
        if byte == .quote || byte == .openBrace { return try parseString(what) }
        let start = offset
        while let next = peek(), next.isAStringChar { offset += 1 }
        guard offset > start else { throw Failure.badBytes("\(what) expected, found \(describe(byte))") }
        return Array(line[start..<offset])
    }

    //  nstring         = string / nil
    mutating func parseNString(_ what: String = "nstring") throws -> [UInt8]? {
        if skipNIL() { return nil }
        return try parseString(what)
    }
}
