import LineProtocol
import Transport

/// UIDL's multi-line answer in compact form: the message numbers in one array and the
/// unique-ids in a `UIDLTable`, entry i of each belonging together. What a pull of a large
/// maildrop keeps (100,000 listings: about 3 MB, against a heap string per id in
/// `[POP3UniqueIDListing]`).
public struct POP3UniqueIDTable: Sendable {
    public private(set) var messageNumbers: [UInt32] = []
    public private(set) var uids = UIDLTable()

    public init() {}

    public var count: Int { messageNumbers.count }

    /// Reads UIDL's multi-line answer after its `+OK` line, with the checks of
    /// `POP3UniqueIDListing.readListing`: numbers ascending strictly, no unique-id twice.
    /// - Throws: `POP3Error` (`.malformedResponse`, `.lineTooLong`, `.tooManyEntries`,
    ///   `.cutShort`); whatever the transport throws.
    public static func read(
        from stream: ByteStream, trace: Trace,
        limits: POP3Limits = .default
    ) throws -> POP3UniqueIDTable {
        var table = POP3UniqueIDTable()
        let session = LineSession(stream: stream, trace: trace, mapError: POP3Error.framing)
        try session.readListing(
            maxLineLength: limits.maxListingLineLength, maxCount: limits.maxListingEntries, what: "UIDL listing"
        ) { line in
            let listing = try POP3UniqueIDListing(line)
            if let last = table.messageNumbers.last, listing.messageNumber <= last {
                throw POP3Error.malformed(
                    "Invalid UIDL listing from server: message \(listing.messageNumber) after message \(last)")
            }
            guard table.uids.insert(listing.uid) else {
                throw POP3Error.malformed(
                    "Invalid UIDL listing from server: unique-id \"\(listing.uid)\" given to two messages")
            }
            table.messageNumbers.append(listing.messageNumber)
        }
        return table
    }
}
