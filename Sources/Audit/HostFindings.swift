/// Findings about a host as a whole (pure): the same certificate key on every port and every
/// address (a certificate renewed but one daemon not reloaded), and RFC 8314's implicit-TLS
/// ports beside the STARTTLS ones.
enum HostFindings {
    static func findings(_ observations: [ServiceObservation], targets: [AuditTarget]) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        var hosts: [String] = []
        for observation in observations where !hosts.contains(observation.host) { hosts.append(observation.host) }
        for host in hosts {
            let mine = observations.filter { $0.host == host }
            findings += sameCertificate(mine, host: host)
            findings += implicitTLS(mine, host: host, targets: targets)
        }
        return findings
    }

    /// The leaf's key pin per service and address; a host whose pins differ between ports, or
    /// between the addresses of one port, is reported.
    static func sameCertificate(_ observations: [ServiceObservation], host: String) -> [AuditFinding] {
        let pinned = observations.compactMap { o in o.tls?.leaf.map { (o, $0.publicKeyPin) } }
        var findings: [AuditFinding] = []
        var ports: [UInt16] = []
        for (observation, _) in pinned where !ports.contains(observation.service.port) {
            ports.append(observation.service.port)
        }
        for port in ports {
            let here = pinned.filter { $0.0.service.port == port }
            if Set(here.map(\.1)).count > 1 {
                findings.append(
                    AuditCheck.certificateDiffersAcrossAddresses.finding(
                        "Different certificates on the addresses of \(AuditTarget.subject(host: host, port: port))",
                        subject: AuditTarget.subject(host: host, port: port),
                        evidence: Dictionary(here.map { ($0.0.address, $0.1) }, uniquingKeysWith: { a, _ in a })))
            }
        }
        guard ports.count > 1 else { return findings }
        let byPort = Dictionary(
            pinned.map { ("port \($0.0.service.port)", $0.1) }, uniquingKeysWith: { first, _ in first })
        if Set(pinned.map(\.1)).count > 1 {
            findings.append(
                AuditCheck.certificateDiffersAcrossPorts.finding(
                    "Not the same certificate key on every port", subject: host, evidence: byPort))
        } else {
            findings.append(
                AuditCheck.certificateSameOnAllPorts.finding(
                    "Same certificate key on ports " + ports.map(String.init).joined(separator: ", "), subject: host,
                    evidence: byPort))
        }
        return findings
    }

    /// RFC 8314 section 3.3 (submission on 465) and 3.1 (IMAP 993, POP3 995): for every
    /// STARTTLS service `--host` audited, whether its implicit-TLS counterpart answers.
    static func implicitTLS(
        _ observations: [ServiceObservation], host: String, targets: [AuditTarget]
    ) -> [AuditFinding] {
        let standard = targets.filter { $0.host == host && $0.origin == .standardPort }.map(\.service)
        var findings: [AuditFinding] = []
        for service in AuditService.standard {
            guard let counterpart = service.implicitCounterpart, standard.contains(service),
                standard.contains(counterpart)
            else { continue }
            let plain = observations.filter { $0.service == service }
            let implicit = observations.filter { $0.service == counterpart }
            guard plain.contains(where: { !$0.outcome.isUnaudited }) else { continue }
            let subject = AuditTarget.subject(host: host, port: counterpart.port)
            let evidence = ["starttlsPort": String(service.port), "implicitPort": String(counterpart.port)]
            // Present: it answered with a TLS handshake (its mail dialog is judged on its own).
            if implicit.contains(where: { $0.tls != nil || !$0.outcome.isUnaudited }) {
                findings.append(
                    AuditCheck.implicitTLSPresent.finding(
                        "\(counterpart.scheme) (implicit TLS) offered beside port \(service.port)", subject: subject,
                        evidence: evidence))
            } else {
                findings.append(
                    AuditCheck.implicitTLSMissing.finding(
                        "No \(counterpart.scheme) (implicit TLS, RFC 8314) beside port \(service.port)",
                        subject: subject, evidence: evidence))
            }
        }
        return findings
    }
}
