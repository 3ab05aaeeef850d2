import LineProtocol
import Transport

/// UIDL's multi-line answer in compact form: the message numbers in one array and the
/// unique-ids in a `UIDLTable`, entry i of each belonging together. What a pull of a large
/// maildrop keeps (100,000 listings: about 3 MB, against a heap string per id in
/// `[POP3UniqueIDListing]`).
public struct POP3UniqueIDTable: Sendable {
    /// The message numbers, empty while they are 1, 2, 3... (a maildrop listed before any DELE
    /// always is): 400 KB less at 100,000 messages.
    private var numbers: [UInt32] = []
    /// Without a hash index: looked up by `byteOrder` (`UIDLTable.index(of:order:)`).
    public private(set) var uids = UIDLTable()
    /// `uids.byteOrder()`: empty when the server listed its ids in byte order.
    public private(set) var byteOrder: [Int32] = []

    public init() {}

    public var count: Int { uids.count }

    /// The message number of entry `index`.
    public func messageNumber(at index: Int) -> UInt32 { numbers.isEmpty ? UInt32(index + 1) : numbers[index] }

    /// Records the number of the entry just added to `uids` (checked to follow the last one).
    private mutating func appendNumber(_ number: UInt32) {
        if numbers.isEmpty && number == UInt32(count) { return }
        if numbers.isEmpty { numbers = (0..<UInt32(count - 1)).map { $0 + 1 } }
        numbers.append(number)
    }

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
            if table.count > 0, case let last = table.messageNumber(at: table.count - 1), listing.messageNumber <= last {
                throw POP3Error.malformed(
                    "Invalid UIDL listing from server: message \(listing.messageNumber) after message \(last)")
            }
            table.uids.append(Array(listing.uid.value.utf8)[...])
            table.appendNumber(listing.messageNumber)
        }
        // Duplicates are found in byte order once the listing is read, not with a hash index
        // of every id (1 MB at 100,000).
        table.byteOrder = table.uids.byteOrder()
        if let twice = table.uids.duplicate(order: table.byteOrder) {
            throw POP3Error.malformed(
                "Invalid UIDL listing from server: unique-id \"\(table.uids.uidl(at: twice))\" given to two messages")
        }
        return table
    }
}
