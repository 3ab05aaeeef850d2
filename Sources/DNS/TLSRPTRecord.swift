/// The SMTP TLS Reporting TXT record at `_smtp._tls.<domain>` (RFC 8460 3):
/// `v=TLSRPTv1; rua=<URI>[,<URI>...]`, where reports go; `mailto:` and `https:` URIs are the
/// ones defined.
public struct TLSRPTRecord: Sendable, Equatable {
    /// Every `rua` URI, in order, as written (commas inside are percent-encoded).
    public var reportURIs: [String]
    public var extensions: [TXTField]

    public init(reportURIs: [String], extensions: [TXTField] = []) {
        self.reportURIs = reportURIs
        self.extensions = extensions
    }

    public static let version = "TLSRPTv1"
    static let record = "TLS-RPT record"

    public static func parse(_ text: String) throws(DNSRecordError) -> TLSRPTRecord {
        let fields = try TXTFieldList.parse(text, version: version, record: record)
        let rua = fields.filter { $0.name == "rua" }
        guard rua.count == 1, let value = rua.first?.value else {
            throw DNSRecordError(record, rua.isEmpty ? "no 'rua' field" : "\(rua.count) 'rua' fields")
        }
        let uris = value.split(separator: ",", omittingEmptySubsequences: false).map {
            String(decoding: TXTFieldList.trimmingWSP(Array($0.utf8)[...]), as: UTF8.self)
        }
        for uri in uris {
            guard let colon = uri.firstIndex(of: ":"), uri[uri.index(after: colon)...].count > 0 else {
                throw DNSRecordError(record, "'\(uri)' is not a URI")
            }
            let scheme = uri[..<colon].lowercased()
            guard scheme == "mailto" || scheme == "https" else {
                throw DNSRecordError(record, "'\(uri)': only mailto: and https: report URIs are defined")
            }
        }
        return TLSRPTRecord(reportURIs: uris, extensions: fields.filter { $0.name != "rua" })
    }

    /// RFC 8460 3: from all TXT texts at `_smtp._tls.<domain>`, the one record starting with
    /// `v=TLSRPTv1`; throws when there is none, more than one, or it is malformed.
    public static func select(_ texts: [String]) throws(DNSRecordError) -> TLSRPTRecord {
        let candidates = Self.candidates(texts)
        guard candidates.count == 1 else {
            throw DNSRecordError(record, "\(candidates.count) records start with 'v=TLSRPTv1' (exactly one needed)")
        }
        return try parse(candidates[0])
    }

    /// The texts that start with `v=TLSRPTv1` (none: the domain asks for no reports).
    public static func candidates(_ texts: [String]) -> [String] { TXTFieldList.select(texts, version: version) }
}
