import Codec
import LineProtocol
import Transport

/// One scan listing (RFC 1939 5): a message's number and its exact size in octets. RFC 1939
/// makes no requirement on what follows the size; it is ignored after a space.
//  scan-listing = msg-number SP size [SP *CHAR]
//  list-resp    = "+OK" SP scan-listing CRLF                       ; LIST msg
//               / "+OK" [SP text] CRLF *(scan-listing CRLF) "." CRLF ; LIST
public struct POP3ScanListing: Equatable, Sendable {
    public let messageNumber: UInt32
    public let size: UInt64

    public init(messageNumber: UInt32, size: UInt64) {
        self.messageNumber = messageNumber
        self.size = size
    }

    /// Parses one scan listing: a line of LIST's multi-line answer, or the text of `+OK` to
    /// `LIST n`.
    /// - Throws: `POP3Error(.malformedResponse)`.
    public init(_ bytes: some Collection<UInt8>) throws(POP3Error) {
        let fields = Array(bytes).splitAtSpaces()
        guard fields.count >= 2, let number = POP3Number.messageNumber(fields[0]),
            let size = POP3Number.unsigned(fields[1])
        else {
            throw POP3Error.malformed("Invalid LIST line from server: \(printable(bytes, limit: 80))")
        }
        self.init(messageNumber: number, size: size)
    }

    /// Parses `+OK n size`, the answer to `LIST n`.
    public init(list response: POP3Response) throws(POP3Error) {
        try self.init(response.text)
    }

    /// Reads LIST's multi-line answer after its `+OK` line. Message numbers must ascend
    /// strictly (RFC 1939 lists the maildrop in order; a repeated number is hostile).
    /// - Throws: `POP3Error` (`.malformedResponse`, `.lineTooLong`, `.tooManyEntries`,
    ///   `.cutShort`); whatever the transport throws.
    public static func readListing(
        from stream: ByteStream, trace: Trace,
        limits: POP3Limits = .default
    ) throws -> [POP3ScanListing] {
        var listings: [POP3ScanListing] = []
        let session = LineSession(stream: stream, trace: trace, mapError: POP3Error.framing)
        try session.readListing(
            maxLineLength: limits.maxListingLineLength, maxCount: limits.maxListingEntries, what: "LIST listing"
        ) { line in
            let listing = try POP3ScanListing(line)
            if let last = listings.last, listing.messageNumber <= last.messageNumber {
                throw POP3Error.malformed(
                    "Invalid LIST listing from server: message \(listing.messageNumber) after message \(last.messageNumber)"
                )
            }
            listings.append(listing)
        }
        return listings
    }
}
