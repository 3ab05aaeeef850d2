/// The MTA-STS TXT record at `_mta-sts.<domain>` (RFC 8461 3.1): `v=STSv1; id=<1-32 letters or
/// digits>;` and optional extension fields. The `id` changes whenever the policy changes.
public struct STSRecord: Sendable, Equatable {
    public var id: String
    public var extensions: [TXTField]

    public init(id: String, extensions: [TXTField] = []) {
        self.id = id
        self.extensions = extensions
    }

    public static let version = "STSv1"

    public static func parse(_ text: String) throws(DNSRecordError) -> STSRecord {
        let fields = try TXTFieldList.parse(text, version: version, record: "MTA-STS record")
        let ids = fields.filter { $0.name == "id" }
        guard ids.count == 1, let id = ids.first?.value else {
            throw DNSRecordError("MTA-STS record", ids.isEmpty ? "no 'id' field" : "\(ids.count) 'id' fields")
        }
        guard (1...32).contains(id.utf8.count), id.utf8.allSatisfy(TXTFieldList.isAlphaDigit) else {
            throw DNSRecordError("MTA-STS record", "'id' must be 1 to 32 letters or digits")
        }
        return STSRecord(id: id, extensions: fields.filter { $0.name != "id" })
    }

    /// RFC 8461 3.1: from all TXT texts at `_mta-sts.<domain>`, the one record starting with
    /// `v=STSv1`; throws when there is none, more than one, or it is malformed (no policy).
    public static func select(_ texts: [String]) throws(DNSRecordError) -> STSRecord {
        let candidates = Self.candidates(texts)
        guard candidates.count == 1 else {
            throw DNSRecordError(
                "MTA-STS record", "\(candidates.count) records start with 'v=STSv1' (exactly one needed)")
        }
        return try parse(candidates[0])
    }

    /// The texts that start with `v=STSv1` (none: the domain publishes no MTA-STS).
    public static func candidates(_ texts: [String]) -> [String] { TXTFieldList.select(texts, version: version) }
}
