import Codec
import LineProtocol
import Transport

/// One unique-id listing (RFC 1939 7): a message's number and its unique-id, which stays the
/// same across sessions (`UIDL`, what a pull records).
//  unique-id-listing = msg-number SP unique-id
//  unique-id         = 1*70 ( %x21-7E )
//  uidl-resp         = "+OK" SP unique-id-listing CRLF                        ; UIDL msg
//                    / "+OK" [SP text] CRLF *(unique-id-listing CRLF) "." CRLF ; UIDL
public struct POP3UniqueIDListing: Equatable, Sendable {
    public let messageNumber: UInt32
    public let uid: UIDL

    public init(messageNumber: UInt32, uid: UIDL) {
        self.messageNumber = messageNumber
        self.uid = uid
    }

    /// Parses one line of UIDL's multi-line answer, or the text of `+OK` to `UIDL n`. Nothing
    /// may follow the unique-id (its characters exclude SP).
    /// - Throws: `POP3Error(.malformedResponse)`: no number, a zero or 33-bit one, an empty
    ///   unique-id, one over 70 characters or with a character outside 0x21-0x7E.
    public init(_ bytes: some Collection<UInt8>) throws(POP3Error) {
        let fields = Array(bytes).splitAtSpaces()
        guard fields.count == 2, let number = POP3Number.messageNumber(fields[0]) else {
            throw POP3Error.malformed("Invalid UIDL line from server: \(printable(bytes, limit: 80))")
        }
        let uid = fields[1]
        guard !uid.isEmpty, uid.count <= UIDL.maxLength, uid.allSatisfy(\.isVisibleASCII),
            let value = try? UIDL(uid)
        else {
            throw POP3Error.malformed(
                "Invalid unique-id from server for message \(number): \"\(printable(uid, limit: 80))\" "
                    + "(\(uid.count) bytes; 1 to 70 printable characters expected)")
        }
        self.init(messageNumber: number, uid: value)
    }

    /// Parses `+OK n unique-id`, the answer to `UIDL n`.
    public init(uidl response: POP3Response) throws(POP3Error) {
        try self.init(response.text)
    }

    /// Reads UIDL's multi-line answer after its `+OK` line. Message numbers must ascend strictly
    /// and no unique-id may appear twice: a duplicate would make two messages one in the sync
    /// state (one never retrieved, or one deleted unsaved).
    /// - Throws: `POP3Error` (`.malformedResponse`, `.lineTooLong`, `.tooManyEntries`,
    ///   `.cutShort`); whatever the transport throws.
    public static func readListing(
        from stream: ByteStream, trace: Trace,
        limits: POP3Limits = .default
    ) throws -> [POP3UniqueIDListing] {
        var listings: [POP3UniqueIDListing] = []
        var seen = Set<UIDL>()
        let session = LineSession(stream: stream, trace: trace, mapError: POP3Error.framing)
        try session.readListing(
            maxLineLength: limits.maxListingLineLength, maxCount: limits.maxListingEntries, what: "UIDL listing"
        ) { line in
            let listing = try POP3UniqueIDListing(line)
            if let last = listings.last, listing.messageNumber <= last.messageNumber {
                throw POP3Error.malformed(
                    "Invalid UIDL listing from server: message \(listing.messageNumber) after message \(last.messageNumber)"
                )
            }
            guard seen.insert(listing.uid).inserted else {
                throw POP3Error.malformed(
                    "Invalid UIDL listing from server: unique-id \"\(listing.uid)\" given to two messages")
            }
            listings.append(listing)
        }
        return listings
    }
}
