import DNS
import TLS

/// What the domain-level checks of `mail-tls-audit DOMAIN` found (issue 14 items 1, 7, 8, 9):
/// plain values; the audit turns `issues` into findings and shows the rest as evidence.
public struct DomainAuditResult: Sendable, Equatable {
    /// The domain as given (no final dot).
    public var domain: String
    public var mx: DomainMXResult
    /// The hosts mail goes to, lowest preference first: the MX hosts, or the domain itself when
    /// it has no MX (RFC 5321 5.1); empty for a Null MX or a domain that does not exist.
    public var hosts: [DomainMXHost]
    public var mtaSTS: DomainSTSResult
    public var tlsRPT: DomainTLSRPTResult
    /// Every DNS answer the checks used, in the order asked, with its DNSSEC status.
    public var lookups: [DomainLookup]
    /// Everything found wrong, in the order found (hosts' issues included).
    public var issues: [DomainIssue]

    /// The worst severity among `issues`; nil when there is none.
    public var worstSeverity: DomainIssueSeverity? { issues.map(\.severity).max() }
}

/// The MX answer of the domain.
public struct DomainMXResult: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// MX records name the hosts (when `lookup.dnssec` is bogus, they are unproven).
        case records
        /// RFC 7505: the one record `0 .`: the domain accepts no mail.
        case nullMX = "null-mx"
        /// No MX: the domain's own address is the implicit MX (RFC 5321 5.1).
        case implicit
        /// The domain does not exist (NXDOMAIN).
        case noDomain = "no-domain"
        /// No usable answer (SERVFAIL, timeout, malformed records only).
        case unavailable
    }

    public var kind: Kind
    /// The records as received, sorted by preference (unproven ones included, as evidence).
    public var records: [MXRecord]
    public var lookup: DomainLookup
}

/// One host mail for the domain goes to, and its DNS for DANE and MTA-STS.
public struct DomainMXHost: Sendable, Equatable {
    /// The host name without the final dot.
    public var host: String
    public var preference: UInt16
    /// The A and AAAA answers (their DNSSEC status decides DANE, RFC 7672 2.2).
    public var addressLookups: [DomainLookup]
    public var addresses: [DomainAddress]
    public var tlsa: DomainTLSA
    /// The MTA-STS `mx` pattern that covers this host; nil without a policy or when none does.
    public var stsPattern: String?

    /// The DANE verdict for the chain this host sent (`TLSSessionFacts.peerCertificates`); nil
    /// when DANE does not apply to the host (then there is nothing to match). `verifier` checks
    /// the signatures up to a DANE-TA anchor (`GnuTLSClient`).
    public func daneVerdict(chain: [PeerCertificate], verifier: (any TrustAnchorVerifying)? = nil) -> DANEVerdict? {
        guard tlsa.applicability == .applies else { return nil }
        return DANEVerdict.evaluate(
            records: tlsa.records.map(\.record), chain: chain, host: host, baseDomain: tlsa.baseDomain,
            verifier: verifier)
    }
}

/// An address of an MX host.
public struct DomainAddress: Sendable, Equatable {
    /// `127.0.0.1`, `::1`.
    public var address: String
    /// `.a` or `.aaaa`.
    public var type: DNSRecordType
    public var dnssec: DomainDNSSECStatus
}

/// The TLSA records of an MX host (`_25._tcp.<host>`) and whether DANE applies.
public struct DomainTLSA: Sendable, Equatable {
    /// The name asked, `_25._tcp.mx.example.` (the CNAME-expanded host's when that was used).
    public var name: String
    /// The host the TLSA name was made from (a name the certificate may match, RFC 7672 3.2.2).
    public var baseDomain: String
    /// The answers: none when DANE could not apply (insecure MX or addresses); two when the
    /// CNAME-expanded name was tried first (RFC 7672 2.2.2).
    public var lookups: [DomainLookup]
    public var records: [DomainTLSARecord]
    public var applicability: DANEApplicability

    /// The records a verdict may use.
    public var usableRecords: [TLSARecord] { records.filter(\.isUsable).map(\.record) }
}

/// One TLSA record, with why it cannot be used for SMTP when it cannot.
public struct DomainTLSARecord: Sendable, Equatable {
    public var record: TLSARecord
    /// `TLSARecord.unusableReason` (RFC 7672 3.1: usages 0/1, unknown selector or type, bad size).
    public var unusableReason: String?
    public var isUsable: Bool { unusableReason == nil }

    public init(_ record: TLSARecord) {
        self.record = record
        unusableReason = record.unusableReason
    }
}

/// The MTA-STS record, the policy fetched and how it covers the MX hosts (RFC 8461).
public struct DomainSTSResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        /// No TXT record starts with `v=STSv1`: the domain publishes no MTA-STS.
        case absent
        /// More than one record, or a malformed one: no policy (RFC 8461 3.1).
        case invalidRecord = "invalid-record"
        /// The TXT lookup failed (bogus, SERVFAIL, timeout).
        case lookupFailed = "lookup-failed"
        case fetchFailed = "fetch-failed"
        case invalidPolicy = "invalid-policy"
        /// A valid policy was fetched and parsed.
        case policy
    }

    public var status: Status
    public var lookup: DomainLookup
    public var record: STSRecord?
    /// `https://mta-sts.<domain>/.well-known/mta-sts.txt`; nil when there was no record.
    public var policyURL: String?
    public var fetch: DomainPolicyFetch?
    public var policy: STSPolicy?
    public var coverage: DomainSTSCoverage?
}

/// The TLS-RPT record (RFC 8460 3).
public struct DomainTLSRPTResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case absent, invalid, present
        case lookupFailed = "lookup-failed"
    }

    public var status: Status
    public var lookup: DomainLookup
    public var record: TLSRPTRecord?
}
