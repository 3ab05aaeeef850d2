import DNS

/// `mail-tls-audit DOMAIN`: the domain's MX hosts (RFC 5321 section 5.1), each audited on
/// port 25, with the DNSSEC status of the MX answer. RFC 7505 Null MX: the domain takes no
/// mail, nothing to connect to. No MX: the domain itself is the implicit MX.
///
/// DOMAIN-LEVEL CHECKS (DANE, RFC 7672; MTA-STS, RFC 8461; TLS-RPT, RFC 8460) are audit-domain's
/// `DomainAuditResult`: `AuditCommand` adds its findings beside `findings` here.
struct DomainTargets {
    var targets: [AuditTarget] = []
    var findings: [AuditFinding] = []
    var summary: DomainSummary

    init(domain: String, resolver: DNSResolver) {
        summary = DomainSummary(domain: domain, mxHosts: [], mxSecurity: "error", nullMX: false)
        let answer: DNSAnswer
        do {
            answer = try resolver.resolve(domain, type: .mx)
        } catch {
            findings.append(
                AuditCheck.mxLookupFailed.finding(
                    "MX lookup failed: \(error)", subject: domain, evidence: ["error": "\(error)"]))
            return
        }
        summary.mxSecurity = DomainTargets.word(answer.security)
        if case .bogus(let reason) = answer.security {
            findings.append(
                AuditCheck.dnssecInvalid.finding(
                    "DNSSEC validation of the MX answer failed: \(reason)", subject: domain,
                    evidence: ["reason": reason, "question": "\(domain) MX"]))
            return
        }
        switch answer.outcome {
        case .data:
            let records = answer.rdata.compactMap { try? MXRecord.parse($0) }.sorted()
            if MXRecord.isNullMX(records) {
                summary.nullMX = true
                findings.append(
                    AuditCheck.mxNull.finding(
                        "Null MX (RFC 7505): the domain accepts no mail", subject: domain,
                        evidence: ["security": summary.mxSecurity]))
                return
            }
            var hosts: [String] = []
            for record in records where !record.isNull && !hosts.contains(record.host) { hosts.append(record.host) }
            summary.mxHosts = hosts
            findings.append(
                AuditCheck.mxFound.finding(
                    "MX: " + hosts.joined(separator: ", "), subject: domain,
                    evidence: ["hosts": hosts.joined(separator: " "), "security": summary.mxSecurity]))
            targets = hosts.map { target($0, domain: domain) }
        case .noData, .nxDomain:
            findings.append(
                AuditCheck.mxMissing.finding(
                    "No MX record: mail goes to the domain's own address (RFC 5321 section 5.1)", subject: domain,
                    evidence: ["security": summary.mxSecurity]))
            summary.mxHosts = [domain]
            targets = [target(domain, domain: domain)]
        case .failure(let rcode):
            findings.append(
                AuditCheck.mxLookupFailed.finding(
                    "MX lookup failed (rcode \(rcode))", subject: domain, evidence: ["rcode": String(rcode)]))
        }
    }

    private func target(_ host: String, domain: String) -> AuditTarget {
        AuditTarget(host: host, service: AuditService(.smtp, implicitTLS: false, port: 25), origin: .mx(domain: domain))
    }

    static func word(_ security: DNSSecurity) -> String {
        switch security {
        case .secure: "secure"
        case .insecure: "insecure"
        case .bogus: "bogus"
        }
    }
}

/// What DNS said about a domain, for the report.
public struct DomainSummary: Encodable, Sendable {
    public var domain: String
    public var mxHosts: [String]
    /// "secure", "insecure", "bogus", or "error" when no answer came.
    public var mxSecurity: String
    public var nullMX: Bool
}
