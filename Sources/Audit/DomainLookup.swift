import DNS

/// Where the domain checks get their answers: `DNSResolver` (DNSSEC-validating, libunbound), or a
/// fake in tests.
public protocol DomainResolving {
    func resolve(_ name: String, type: DNSRecordType) throws(DNSError) -> DNSAnswer
}

extension DNSResolver: DomainResolving {}

/// The DNSSEC status of one answer as the report shows it.
public enum DomainDNSSECStatus: String, Sendable, Equatable {
    /// Validated from the trust anchor.
    case secure
    /// Not signed (or below an insecure delegation): nothing proven.
    case insecure
    /// Signed, but the signatures do not validate (RFC 8460 `dnssec-invalid`).
    case bogus
    /// No answer to judge: the lookup failed or timed out.
    case unknown
}

/// One DNS question and what came back: every answer the domain checks used, in the order asked.
public struct DomainLookup: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case data, noData, nxDomain
        /// An RCODE other than NOERROR/NXDOMAIN (SERVFAIL, REFUSED).
        case failure(rcode: Int)
        /// No answer at all (`DNSError`: timeout, resolver unreachable, invalid name).
        case error
    }

    /// The question name, with the final dot.
    public var name: String
    public var type: DNSRecordType
    public var outcome: Outcome
    public var dnssec: DomainDNSSECStatus
    /// Why the answer is bogus (libunbound's words), or the `DNSError` message; else nil.
    public var reason: String?
    /// The name the data belongs to after CNAMEs, when it differs.
    public var canonicalName: String?
    /// The answer itself; nil when there was none (`outcome == .error`).
    public var answer: DNSAnswer?

    public init(answer: DNSAnswer) {
        name = answer.name
        type = answer.type
        switch answer.outcome {
        case .data: outcome = .data
        case .noData: outcome = .noData
        case .nxDomain: outcome = .nxDomain
        case .failure(let rcode): outcome = .failure(rcode: rcode)
        }
        switch answer.security {
        case .secure: dnssec = .secure
        case .insecure: dnssec = .insecure
        case .bogus(let why):
            dnssec = .bogus
            reason = why
        }
        canonicalName = answer.canonicalName
        self.answer = answer
    }

    public init(name: String, type: DNSRecordType, error: DNSError) {
        self.name = name.hasSuffix(".") ? name : name + "."
        self.type = type
        outcome = .error
        dnssec = .unknown
        reason = error.message
    }

    /// The rdata when the answer has records that may be used: data, and not bogus.
    public var usableData: [[UInt8]] {
        guard outcome == .data, dnssec != .bogus, let answer else { return [] }
        return answer.rdata
    }

    /// `MX mailtls.test.: data, secure` (for evidence).
    public var summary: String {
        let what: String
        switch outcome {
        case .data: what = "data"
        case .noData: what = "no data"
        case .nxDomain: what = "NXDOMAIN"
        case .failure(let rcode): what = rcode == DNSAnswer.serverFailure ? "SERVFAIL" : "RCODE \(rcode)"
        case .error: what = "no answer"
        }
        return "\(type) \(name): \(what), \(dnssec.rawValue)" + (reason.map { " (\($0))" } ?? "")
    }
}
