/// Turns one service's observation into findings (pure): how far the audit got, what the
/// plaintext session offered before TLS, the certificate, and the injection test.
enum ServiceFindings {
    static func findings(_ observation: ServiceObservation, origin: AuditTarget.Origin, now: Int) -> [AuditFinding] {
        let subject = observation.subject
        var findings = outcome(observation, origin: origin)
        if let login = observation.plaintextLogin, !observation.service.implicitTLS,
            let finding = plaintext(login, service: observation.service, subject: subject)
        {
            findings.append(finding)
        }
        if let facts = observation.tls {
            findings += CertificateFindings.findings(facts, subject: subject, now: now)
        }
        findings += TLSScanFindings.findings(observation)
        if let injection = observation.injection {
            findings.append(self.injection(injection, detail: observation.injectionDetail ?? "", subject: subject))
        }
        return findings
    }

    /// How bad it is that nothing answered: a standard port a host need not offer is `low`; a
    /// service the user named, or an MX, is `high`.
    static func unreachableSeverity(_ origin: AuditTarget.Origin) -> AuditSeverity {
        origin == .standardPort ? .low : .high
    }

    static func outcome(_ observation: ServiceObservation, origin: AuditTarget.Origin) -> [AuditFinding] {
        let subject = observation.subject
        let service = observation.service
        var evidence = ["address": "\(observation.address):\(observation.connectedPort)"]
        if !observation.retries.isEmpty { evidence["retries"] = observation.retries.joined(separator: " | ") }
        var findings: [AuditFinding] = []
        if !observation.retries.isEmpty && !observation.outcome.isUnaudited {
            findings.append(
                AuditCheck.serviceRateLimited.finding(
                    "Rate limited / unreachable once; audited on the next try", subject: subject,
                    severity: .low, evidence: evidence))
        }
        switch observation.outcome {
        case .audited:
            break
        case .unreachable(let why):
            evidence["error"] = why
            findings.append(
                AuditCheck.serviceUnreachable.finding(
                    "Rate limited / unreachable: \(why)", subject: subject, severity: unreachableSeverity(origin),
                    evidence: evidence))
        case .rateLimited(let why):
            evidence["error"] = why
            findings.append(
                AuditCheck.serviceRateLimited.finding(
                    "Rate limited / unreachable: \(why)", subject: subject, severity: .high, evidence: evidence))
        case .budgetExhausted:
            findings.append(
                AuditCheck.serviceRateLimited.finding(
                    "Not audited: --max-connections used up for this address", subject: subject, severity: .high,
                    evidence: evidence))
        case .protocolError(let why):
            evidence["error"] = why
            findings.append(
                AuditCheck.serviceError.finding("Not audited: \(why)", subject: subject, evidence: evidence))
        case .starttlsNotOffered:
            findings.append(
                AuditCheck.starttlsNotSupported.finding(
                    "\(service.mailProtocol.startTLSCommand) not offered: mail crosses in plaintext", subject: subject,
                    evidence: evidence))
        case .starttlsRefused(let why):
            evidence["error"] = why
            findings.append(
                AuditCheck.starttlsRefused.finding(
                    "\(service.mailProtocol.startTLSCommand) offered but refused", subject: subject, evidence: evidence)
            )
        case .handshakeFailed(let why):
            evidence["error"] = why
            findings.append(
                AuditCheck.tlsHandshakeFailed.finding(
                    "TLS handshake failed: \(why)", subject: subject, evidence: evidence))
        }
        return findings
    }

    /// RFC 8314 section 4 and RFC 3207 section 5: no password or AUTH before TLS. SMTP: any
    /// AUTH; IMAP: LOGIN without LOGINDISABLED, or a plaintext mechanism; POP3: USER or a
    /// plaintext mechanism.
    static func plaintext(_ login: PlaintextLogin, service: AuditService, subject: String) -> AuditFinding? {
        let cleartext = login.mechanisms.filter { ["PLAIN", "LOGIN"].contains($0.uppercased()) }
        let offered: [String]
        switch service.mailProtocol {
        case .smtp: offered = login.mechanisms.map { "AUTH \($0)" }
        case .imap:
            offered = (login.passwordCommand ? ["LOGIN (no LOGINDISABLED)"] : []) + cleartext.map { "AUTH=\($0)" }
        case .pop3: offered = (login.passwordCommand ? ["USER"] : []) + cleartext.map { "SASL \($0)" }
        }
        let evidence = [
            "offered": offered.joined(separator: ", "), "mechanisms": login.mechanisms.joined(separator: " "),
        ]
        guard offered.isEmpty else {
            return AuditCheck.authBeforeStarttls.finding(
                "Login offered before \(service.mailProtocol.startTLSCommand): " + offered.joined(separator: ", "),
                subject: subject, evidence: evidence)
        }
        return AuditCheck.noAuthBeforeStarttls.finding(
            "No login offered before \(service.mailProtocol.startTLSCommand)", subject: subject, evidence: evidence)
    }

    static func injection(_ result: InjectionResult, detail: String, subject: String) -> AuditFinding {
        let evidence = ["detail": detail]
        switch result {
        case .vulnerable:
            return AuditCheck.starttlsInjection.finding(
                "STARTTLS command injection (CVE-2011-0411): commands sent before TLS are run under it",
                subject: subject, evidence: evidence)
        case .notVulnerable:
            return AuditCheck.starttlsInjectionNotVulnerable.finding(
                "Not vulnerable to STARTTLS command injection", subject: subject, evidence: evidence)
        case .inconclusive:
            return AuditCheck.starttlsInjectionInconclusive.finding(
                "STARTTLS command injection test inconclusive", subject: subject, evidence: evidence)
        }
    }
}
