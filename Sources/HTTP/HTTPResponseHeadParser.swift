/// Builds a response head from the lines a `ByteStream` reads, one at a time, within explicit
/// limits (the peer is hostile; DESIGN.md rule 5).
///
/// Limits: a line of at most 16 KiB, a head of at most 100 KiB (CR LF counted), at most 256
/// fields. Real servers stay far below; a long cookie or CSP line fits.
struct HTTPResponseHeadParser {
    static let maxLineLength = 16 * 1024
    static let maxHeadSize = 100 * 1024
    static let maxFieldCount = 256

    private var statusLine: HTTPStatusLine?
    private var fields: [HTTPField] = []
    private var raw: [UInt8] = []

    init() {}

    /// Takes one line without its CR LF; returns the head once the empty line ends it.
    //  response-head = status-line CRLF *( field-line CRLF ) CRLF
    //  obs-fold      = OWS CRLF RWS      (joined to the previous value with SP, RFC 9112 5.2)
    mutating func consume(line: [UInt8]) throws -> HTTPResponseHead? {
        guard line.count <= HTTPResponseHeadParser.maxLineLength else {
            throw HTTPError.malformed("Response header line too long (limit 16 KiB)")
        }
        raw.append(contentsOf: line)
        raw.append(contentsOf: [0x0D, 0x0A])
        guard raw.count <= HTTPResponseHeadParser.maxHeadSize else {
            throw HTTPError.malformed("Response header too large (limit 100 KiB)")
        }
        guard let statusLine else {
            statusLine = try HTTPStatusLine.parse(line)
            return nil
        }
        if line.isEmpty {
            return HTTPResponseHead(
                version: statusLine.version, status: statusLine.status,
                reason: statusLine.reason, fields: fields, rawBytes: raw)
        }
        if line[0] == 0x20 || line[0] == 0x09 {
            guard !fields.isEmpty else {
                throw HTTPError.malformed("Invalid header line in response: whitespace before the first field")
            }
            let continuation = HTTPField.trimmingWhitespace(line[...])
            guard !continuation.contains(where: { $0 == 0 || $0 == 0x0D }) else {
                throw HTTPError.malformed("Invalid header field value in response (NUL or CR)")
            }
            fields[fields.count - 1].value.append(0x20)
            fields[fields.count - 1].value.append(contentsOf: continuation)
            return nil
        }
        guard fields.count < HTTPResponseHeadParser.maxFieldCount else {
            throw HTTPError.malformed("Too many header fields in response (limit 256)")
        }
        fields.append(try HTTPField.parse(line: line))
        return nil
    }

    /// True once the status line has been read (a close after it is not an empty reply).
    var hasStarted: Bool { statusLine != nil }
}
