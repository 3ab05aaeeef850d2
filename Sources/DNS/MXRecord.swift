/// An MX record (RFC 1035 3.3.9): preference and exchange host. RFC 7505: a Null MX is the one
/// record `0 .`, saying the domain accepts no mail.
public struct MXRecord: Sendable, Equatable, Comparable {
    public var preference: UInt16
    /// Presentation form with the final dot; "." for a Null MX.
    public var exchange: String

    public init(preference: UInt16, exchange: String) {
        self.preference = preference
        self.exchange = exchange
    }

    public static func parse(_ rdata: [UInt8]) throws(DNSRecordError) -> MXRecord {
        guard rdata.count >= 3 else { throw DNSRecordError("MX", "\(rdata.count) bytes, at least 3 needed") }
        let preference = UInt16(rdata[0]) << 8 | UInt16(rdata[1])
        let (exchange, length) = try DNSName.read(rdata[2...], record: "MX")
        guard length == rdata.count - 2 else { throw DNSRecordError("MX", "bytes after the exchange name") }
        return MXRecord(preference: preference, exchange: exchange)
    }

    /// The exchange as a host name to connect to (no final dot).
    public var host: String { exchange == "." ? "" : String(exchange.dropLast()) }

    public var isNull: Bool { exchange == "." }

    /// RFC 7505 3: a domain with a Null MX has exactly that one MX record.
    public static func isNullMX(_ records: [MXRecord]) -> Bool {
        records.count == 1 && records[0].isNull && records[0].preference == 0
    }

    /// Lowest preference first (RFC 5321 5.1); equal preferences keep no particular order.
    public static func < (a: MXRecord, b: MXRecord) -> Bool { a.preference < b.preference }
}
