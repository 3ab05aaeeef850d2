import Codec

/// One single-line response, or the status line that starts a multi-line one (RFC 1939 3,
/// RFC 2449 section 9), or a SASL continuation during AUTH (RFC 5034 section 4).
///
/// Tolerated beyond the ABNF: the status keyword in any case (`+ok`), text in UTF-8 or other
/// 8-bit bytes, a bare LF line end (the `ByteStream` rule), a `+` continuation without SP.
/// Refused: NUL or CR inside the line, anything else before the text.
//  single-line  = status [SP text] CRLF        ; 512 octets maximum (POP3Limits)
//  status       = "+OK" / "-ERR"
//  text         = *schar / resp-code *CHAR
//  continue-req = "+" SP [base64] CRLF          ; RFC 5034
public struct POP3Response: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        /// `+OK`
        case ok
        /// `-ERR`
        case err
        /// `+ <base64>`: a SASL challenge (only where `allowsContinuation` was given).
        case continuation
    }

    public let status: Status
    /// The RFC 2449 response code at the start of the text, when there is one.
    public let code: POP3ResponseCode?
    /// The text after the status and its SP and after the response code; for a continuation,
    /// the base64 challenge as sent (may be empty).
    public let text: [UInt8]
    /// The line as received, without its line ending: what `-v` shows.
    public let line: [UInt8]

    public var isOK: Bool { status == .ok }

    /// Parses one line without its line ending.
    /// - Parameter allowsContinuation: true during an AUTH exchange; elsewhere a `+ ` line is
    ///   malformed.
    /// - Throws: `POP3Error(.malformedResponse)`.
    public init(line: [UInt8], allowsContinuation: Bool = false) throws(POP3Error) {
        self.line = line
        guard !line.contains(where: { $0 == 0 || $0 == .cr }) else {
            throw POP3Error.malformed("Invalid response line from server: NUL or CR inside the line")
        }
        var rest: ArraySlice<UInt8>
        if line.count >= 3, line[0] == UInt8(ascii: "+"), line[1...2].equalsIgnoringCase("OK") {
            status = .ok
            rest = line[3...]
        } else if line.count >= 4, line[0] == UInt8(ascii: "-"), line[1...3].equalsIgnoringCase("ERR") {
            status = .err
            rest = line[4...]
        } else if allowsContinuation, line.first == UInt8(ascii: "+"), line.count == 1 || line[1] == .space {
            status = .continuation
            code = nil
            text = Array(line.dropFirst(2))
            return
        } else {
            throw POP3Error.malformed(
                "Invalid response from server: neither +OK nor -ERR: \(printable(line, limit: 80))")
        }
        if let first = rest.first {
            guard first == .space else {
                throw POP3Error.malformed(
                    "Invalid response from server: no space after the status: \(printable(line, limit: 80))")
            }
            rest = rest.dropFirst()
        }
        if let (code, after) = POP3ResponseCode.parse(prefixOf: rest) {
            self.code = code
            rest = after
        } else {
            code = nil
        }
        text = Array(rest)
    }

    /// A response built from its parts (tests, scripted servers).
    public init(status: Status, code: POP3ResponseCode? = nil, text: String = "") {
        self.status = status
        self.code = code
        self.text = Array(text.utf8)
        var line: String
        switch status {
        case .ok: line = "+OK"
        case .err: line = "-ERR"
        case .continuation: line = "+"
        }
        if let code { line += " " + code.description }
        if !text.isEmpty || status == .continuation { line += " " + text }
        self.line = Array(line.utf8)
    }

    /// The text as a string (U+FFFD for bytes that are not UTF-8).
    public var textString: String { String(decoding: text, as: UTF8.self) }

    /// The line for error messages, made printable and cut: `-ERR [IN-USE] Mailbox locked`.
    public var summary: String { printable(line, limit: 300) }
}
