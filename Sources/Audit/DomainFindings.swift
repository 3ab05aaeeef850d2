import DNS
import TLS

/// The domain checks as findings: every `DomainIssue` (its id, severity and RFC 8460 result
/// type kept), the passed checks as `ok` findings, and the DANE verdict of each MX address
/// judged against the chain it sent on port 25 (RFC 7672 3).
enum DomainFindings {
    /// The findings of the DNS and MTA-STS checks, made before any connection.
    static func findings(_ result: DomainAuditResult) -> [AuditFinding] {
        let domain = result.domain
        var findings: [AuditFinding] = []
        let hosts = result.hosts.map(\.host)
        switch result.mx.kind {
        case .records:
            let listed = result.hosts.map { "\($0.host) (\($0.preference))" }.joined(separator: ", ")
            findings.append(
                AuditCheck.mxFound.finding(
                    "MX: " + listed, subject: domain,
                    evidence: ["hosts": hosts.joined(separator: " "), "security": result.mx.lookup.dnssec.rawValue]))
        case .nullMX:
            findings.append(
                AuditCheck.mxNull.finding(
                    "Null MX (RFC 7505): the domain accepts no mail", subject: domain,
                    evidence: ["security": result.mx.lookup.dnssec.rawValue]))
        case .implicit:
            findings.append(
                AuditCheck.mxMissing.finding(
                    "No MX record: mail goes to the domain's own address (RFC 5321 section 5.1)", subject: domain,
                    evidence: ["security": result.mx.lookup.dnssec.rawValue]))
        case .noDomain, .unavailable:
            break  // an issue says why
        }
        // A domain that takes no mail needs no MTA-STS or TLS-RPT.
        let irrelevant: Set<String> = result.mx.kind == .nullMX ? ["mta-sts-absent", "tls-rpt-absent"] : []
        findings += result.issues.filter { !irrelevant.contains($0.id) }.map(finding)
        let unproven = result.lookups.filter { $0.dnssec != .secure }
        if unproven.isEmpty, !result.lookups.isEmpty {
            findings.append(
                AuditCheck.dnssecSecure.finding(
                    "Every DNS answer (\(result.lookups.count)) is DNSSEC-secure", subject: domain,
                    evidence: ["answers": String(result.lookups.count)]))
        }
        if result.mtaSTS.status == .policy, let policy = result.mtaSTS.policy,
            !result.issues.contains(where: { $0.id.hasPrefix("mta-sts-") && $0.severity > .low })
        {
            findings.append(
                AuditCheck.mtaSTSValid.finding(
                    "MTA-STS policy (mode \(policy.mode.rawValue), max_age \(policy.maxAge)) covers every MX host",
                    subject: domain,
                    evidence: [
                        "id": result.mtaSTS.record?.id ?? "", "mode": policy.mode.rawValue,
                        "mx": policy.mx.joined(separator: " "), "url": result.mtaSTS.policyURL ?? "",
                    ]))
        }
        if result.tlsRPT.status == .present, let record = result.tlsRPT.record {
            findings.append(
                AuditCheck.tlsRPTPresent.finding(
                    "TLS-RPT reports go to " + record.reportURIs.joined(separator: ", "), subject: domain,
                    evidence: ["rua": record.reportURIs.joined(separator: " ")]))
        }
        return findings
    }

    /// A domain issue as a finding: id, severity, result type and evidence unchanged; the
    /// subject without the final dot of a DNS question name, as every other subject.
    static func finding(_ issue: DomainIssue) -> AuditFinding {
        let subject =
            issue.subject.count > 1 && issue.subject.hasSuffix(".") ? String(issue.subject.dropLast()) : issue.subject
        return AuditFinding(
            id: issue.id, severity: AuditSeverity(rawValue: issue.severity.rawValue) ?? .high, title: issue.title,
            resultType: issue.resultType?.rawValue, subject: subject, evidence: issue.evidence)
    }

    /// Judges DANE for every MX host it applies to, against the chain each of its addresses sent
    /// on port 25; records the verdicts in `summary` and returns their findings (the rollover
    /// warning once per host).
    static func dane(
        _ summary: inout DomainSummary, observations: [ServiceObservation], verifier: (any TrustAnchorVerifying)?
    ) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for host in summary.result.hosts where host.tlsa.applicability == .applies {
            let mine = observations.filter {
                $0.host == host.host && $0.service.port == 25 && !$0.service.implicitTLS
                    && !$0.outcome.isUnaudited
            }
            var verdicts: [DomainVerdict] = []
            var warned = false
            for observation in mine {
                let subject = observation.subject
                guard let facts = observation.tls else {
                    verdicts.append(
                        DomainVerdict(
                            address: observation.address, connectedPort: observation.connectedPort, verdict: nil,
                            noTLS: observation.outcome.detail ?? observation.outcome.code))
                    continue
                }
                guard let verdict = host.daneVerdict(chain: facts.peerCertificates, verifier: verifier) else {
                    continue
                }
                verdicts.append(
                    DomainVerdict(
                        address: observation.address, connectedPort: observation.connectedPort, verdict: verdict,
                        noTLS: nil))
                for issue in verdict.issues {
                    if issue.id == "dane-rollover" {
                        if warned { continue }
                        warned = true
                    }
                    var made = finding(issue)
                    made.subject = subject
                    made.evidence["address"] = observation.address
                    findings.append(made)
                }
                if let match = verdict.accepted.first {
                    findings.append(
                        AuditCheck.daneValid.finding(
                            "DANE: the certificate chain matches TLSA \(match.record) at depth \(match.depth)",
                            subject: subject,
                            evidence: [
                                "record": match.record.description, "depth": String(match.depth),
                                "address": observation.address, "tlsa": host.tlsa.name,
                            ]))
                }
            }
            summary.verdicts[host.host] = verdicts
        }
        return findings
    }
}
