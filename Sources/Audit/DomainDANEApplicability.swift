/// Whether DANE applies to an MX host (RFC 7672 2.2): only when the MX answer and the host's
/// address answers are DNSSEC-secure, and the secure TLSA answer holds at least one usable record.
public enum DANEApplicability: Sendable, Equatable {
    case applies
    case notApplicable(reason: String)

    /// Before the TLSA lookup: the MX answer (for an implicit MX, the secure "no MX" answer) and
    /// every address answer of the host must be secure, and the host must have an address.
    public static func precondition(mx: DomainLookup, addresses: [DomainLookup]) -> DANEApplicability {
        guard mx.dnssec == .secure else {
            return .notApplicable(reason: "the MX answer is \(mx.dnssec.rawValue) (RFC 7672 2.2)")
        }
        if let unproven = addresses.first(where: { $0.dnssec != .secure }) {
            return .notApplicable(
                reason:
                    "the \(unproven.type) answer of \(unproven.name) is \(unproven.dnssec.rawValue) (RFC 7672 2.2.1)")
        }
        guard addresses.contains(where: { $0.outcome == .data }) else {
            return .notApplicable(reason: "the host has no address")
        }
        return .applies
    }

    /// After it: a secure answer with at least one usable record.
    public static func evaluate(tlsa: DomainLookup, records: [DomainTLSARecord]) -> DANEApplicability {
        switch (tlsa.dnssec, tlsa.outcome) {
        case (.bogus, _):
            return .notApplicable(reason: "the TLSA answer is bogus: \(tlsa.reason ?? "no reason given")")
        case (.insecure, _):
            return .notApplicable(reason: "the TLSA answer is insecure")
        case (_, .noData), (_, .nxDomain):
            return .notApplicable(reason: "no TLSA records")
        case (_, .failure), (_, .error), (.unknown, _):
            return .notApplicable(reason: "the TLSA lookup failed: \(tlsa.summary)")
        case (.secure, .data):
            guard records.contains(where: \.isUsable) else {
                return .notApplicable(reason: "every TLSA record is unusable (RFC 7672 2.2)")
            }
            return .applies
        }
    }

    /// The issues of a host's TLSA answer: bogus answers and lookup failures (a sender defers
    /// mail then, RFC 7672 2.2), unusable records.
    static func issues(host: String, tlsa: DomainTLSA) -> [DomainIssue] {
        var issues: [DomainIssue] = []
        for lookup in tlsa.lookups where lookup.type == .tlsa {
            if lookup.dnssec == .bogus {
                issues.append(
                    DomainIssue(
                        id: "dane-tlsa-bogus", severity: .high, resultType: .dnssecInvalid, subject: host,
                        title: "The TLSA records fail DNSSEC validation: senders using DANE defer mail",
                        evidence: ["lookup": lookup.summary]))
            } else if case .failure = lookup.outcome, lookup.dnssec != .insecure {
                issues.append(
                    DomainIssue(
                        id: "dane-tlsa-lookup-failed", severity: .high, resultType: .dnssecInvalid, subject: host,
                        title: "The TLSA lookup fails: senders using DANE defer mail",
                        evidence: ["lookup": lookup.summary]))
            }
        }
        let unusable = tlsa.records.filter { !$0.isUsable }
        if !unusable.isEmpty {
            let all = unusable.count == tlsa.records.count
            issues.append(
                DomainIssue(
                    id: all ? "dane-tlsa-all-unusable" : "dane-tlsa-unusable", severity: all ? .high : .low,
                    resultType: .tlsaInvalid, subject: host,
                    title: all
                        ? "No TLSA record is usable for SMTP: DANE does not protect this host"
                        : "Some TLSA records are not usable for SMTP",
                    evidence: Dictionary(
                        uniqueKeysWithValues: unusable.enumerated().map {
                            ("record\($0.offset + 1)", "\($0.element.record): \($0.element.unusableReason ?? "")")
                        })))
        }
        return issues
    }
}
