/// One answer from the validating resolver: the response code, the DNSSEC verdict and the raw
/// rdata of each record of the answer RRset (parse it with MXRecord, TLSARecord, TXTRecord...).
/// Judge `security` first: a bogus answer keeps the data as the server sent it (evidence for a
/// report, as `dig +cd` shows it), which must not be acted on.
public struct DNSAnswer: Sendable, Equatable {
    /// The question, as asked (presentation form, with the final dot).
    public var name: String
    public var type: DNSRecordType
    /// The DNS RCODE (RFC 1035 4.1.1, RFC 6895): 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED.
    public var rcode: Int
    public var security: DNSSecurity
    /// The rdata of each record, in wire format (names uncompressed), in the order received.
    public var rdata: [[UInt8]]
    /// The name the data belongs to when the question led through CNAMEs, else nil.
    public var canonicalName: String?
    /// The TTL of the answer, in seconds (of the negative answer for NXDOMAIN/NODATA).
    public var ttl: Int

    public init(
        name: String, type: DNSRecordType, rcode: Int, security: DNSSecurity, rdata: [[UInt8]],
        canonicalName: String? = nil, ttl: Int = 0
    ) {
        self.name = name
        self.type = type
        self.rcode = rcode
        self.security = security
        self.rdata = rdata
        self.canonicalName = canonicalName
        self.ttl = ttl
    }

    public static let noError = 0
    public static let serverFailure = 2
    public static let nameError = 3

    /// What the answer says, for the audit's decisions.
    public enum Outcome: Sendable, Equatable {
        /// Records of the asked type exist (`rdata` is not empty).
        case data
        /// The name exists but has no record of this type (NOERROR, empty answer).
        case noData
        /// The name does not exist.
        case nxDomain
        /// Any other RCODE: SERVFAIL (also for a bogus answer), REFUSED...
        case failure(rcode: Int)
    }

    public var outcome: Outcome {
        switch rcode {
        case Self.noError: rdata.isEmpty ? .noData : .data
        case Self.nameError: .nxDomain
        default: .failure(rcode: rcode)
        }
    }
}
