import Codec

/// The literal announcement that ends a line: the framing rule of IMAP (RFC 3501 section 4.3).
/// A line ending in `{n}` is followed by exactly n bytes and then the rest of the response; a
/// line ending otherwise ends the response.
///
/// Decisions: any line whose last `{...}` group ends the line and holds no space is taken as an
/// announcement (framing does not parse: RFC 3501's `text` could in theory end with such a
/// group, no real server sends one), so `{-1}`, `{1a}` and `{}` are errors rather than text.
/// `~{n}` (RFC 3516 literal8, only sent when BINARY was asked for) is accepted; `{n+}` and
/// `{n-}` (RFC 7888) are for clients only and refused from a server.
//  literal         = "{" number "}" CRLF *CHAR8
//  literal8        = "~{" number "}" CRLF *OCTET              ; RFC 3516
//  literal-nonsync = "{" number "+}" CRLF *CHAR8             ; RFC 7888, client to server
//  number          = 1*DIGIT
public struct IMAPLiteralAnnouncement: Equatable, Sendable {
    /// The number of bytes announced.
    public let size: UInt64
    /// `~{n}`: a literal8, which may hold NUL bytes.
    public let isBinary: Bool
    /// Where the announcement (`{` or `~{`) starts in the line.
    public let offset: Int

    public init(size: UInt64, isBinary: Bool, offset: Int) {
        self.size = size
        self.isBinary = isBinary
        self.offset = offset
    }

    /// The announcement ending `line` (without its CR LF), or nil when the line announces none.
    /// - Throws: `IMAPError(.badLiteral)` for a malformed announcement or a size over
    ///   `maxSize`.
    public static func parse(endOf line: [UInt8], maxSize: UInt64) throws(IMAPError) -> IMAPLiteralAnnouncement? {
        guard line.last == .closeBrace, let open = line.lastIndex(of: .openBrace) else { return nil }
        let inside = line[(open + 1)..<(line.count - 1)]
        if inside.contains(.space) { return nil }
        guard !inside.isEmpty, inside.count <= 24 else {
            throw IMAPError(.badLiteral, "Invalid literal announcement from server: {\(printable(inside, limit: 24))}")
        }
        if inside.last == .plus || inside.last == .minus, inside.dropLast().allSatisfy(\.isASCIIDigit) {
            throw IMAPError(
                .badLiteral,
                "Server sent a non-synchronizing literal {\(printable(inside))}, which only clients may send")
        }
        var size: UInt64 = 0
        for byte in inside {
            guard byte.isASCIIDigit else {
                throw IMAPError(.badLiteral, "Invalid literal size from server: {\(printable(inside))}")
            }
            let (times10, overflow1) = size.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else {
                throw IMAPError(.badLiteral, "Literal size from server too large: {\(printable(inside))}")
            }
            size = sum
        }
        guard size <= maxSize else {
            throw IMAPError(.badLiteral, "Literal size from server too large: {\(size)} (limit \(maxSize) bytes)")
        }
        let isBinary = open > 0 && line[open - 1] == .tilde
        return IMAPLiteralAnnouncement(size: size, isBinary: isBinary, offset: isBinary ? open - 1 : open)
    }
}
