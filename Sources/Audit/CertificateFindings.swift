import Codec
import TLS

/// The findings a finished handshake's facts give (pure: facts and the time in, findings out):
/// the connection, the chain's trust, the name, the validity window, the key, the signature
/// algorithm and the OCSP staple. The verdict is GnuTLS's, judged by `TLSPolicy` against the
/// audited name (not the address `--connect-to` sends the connection to).
enum CertificateFindings {
    /// Days before expiry under which a certificate is reported (`certificate-expires-soon`).
    static let expiryWarningDays = 30

    static func findings(_ facts: TLSSessionFacts, subject: String, now: Int) -> [AuditFinding] {
        var findings = [
            AuditCheck.tlsEstablished.finding(
                "\(facts.version.displayName) with \(facts.cipherSuite)", subject: subject,
                evidence: [
                    "version": facts.version.displayName, "cipherSuite": facts.cipherSuite,
                    "keyExchangeGroup": facts.keyExchangeGroup ?? "",
                ])
        ]
        guard let leaf = facts.leaf else {
            findings.append(
                AuditCheck.certificateNotTrusted.finding("The server sent no certificate", subject: subject))
            return findings
        }
        let reasons = found(facts.verification)
        findings.append(trust(reasons, leaf: leaf, facts: facts, subject: subject))
        findings.append(name(facts, leaf: leaf, subject: subject))
        findings.append(validity(leaf, now: now, subject: subject))
        if reasons.contains(.revoked) || facts.ocspStaple == .revoked {
            findings.append(
                AuditCheck.certificateRevoked.finding(
                    "The certificate is revoked", subject: subject, evidence: ["ocspStaple": facts.ocspStaple.code]))
        }
        findings.append(key(leaf, subject: subject))
        if let signature = signature(facts, reasons: reasons, subject: subject) { findings.append(signature) }
        findings.append(staple(facts.ocspStaple, subject: subject))
        return findings
    }

    /// What verification found, whether or not it was enforced.
    static func found(_ verdict: VerificationVerdict) -> [VerificationFailure] {
        switch verdict {
        case .verified, .srpAuthenticated: []
        case .failed(let reasons): reasons
        case .skipped(let found): found
        }
    }

    private static func trust(
        _ reasons: [VerificationFailure], leaf: PeerCertificate, facts: TLSSessionFacts, subject: String
    ) -> AuditFinding {
        let chainProblems = reasons.filter {
            [.untrustedIssuer, .invalid, .insecureAlgorithm, .noCertificate].contains($0)
        }
        var evidence = [
            "issuer": leaf.issuer, "chainLength": String(facts.peerCertificates.count),
            "trust": facts.trust.map(describe).joined(separator: ", "),
        ]
        guard chainProblems.isEmpty else {
            evidence["reasons"] = chainProblems.map(\.code).joined(separator: ",")
            return AuditCheck.certificateNotTrusted.finding(
                "Certificate chain not trusted: " + chainProblems.map(\.rawValue).joined(separator: ", "),
                subject: subject, evidence: evidence)
        }
        return AuditCheck.certificateTrusted.finding(
            "Certificate chain trusted (issuer \(leaf.issuer))", subject: subject, evidence: evidence)
    }

    private static func describe(_ source: TrustSource) -> String {
        switch source {
        case .file(let path, _): path
        case .directory(let path, _): path
        case .system: "system trust store"
        }
    }

    private static func name(_ facts: TLSSessionFacts, leaf: PeerCertificate, subject: String) -> AuditFinding {
        let evidence = [
            "name": facts.serverName, "dnsNames": leaf.dnsNames.joined(separator: ","),
            "ipAddresses": leaf.ipAddresses.joined(separator: ","), "commonName": leaf.commonName ?? "",
        ]
        if facts.hostnameMatched {
            return AuditCheck.certificateHostMatch.finding(
                "Certificate matches \(facts.serverName)", subject: subject, evidence: evidence)
        }
        let names = (leaf.dnsNames + leaf.ipAddresses).joined(separator: ", ")
        return AuditCheck.certificateHostMismatch.finding(
            "Certificate does not match \(facts.serverName) (it is for \(names.isEmpty ? leaf.subject : names))",
            subject: subject, evidence: evidence)
    }

    static func validity(_ leaf: PeerCertificate, now: Int, subject: String) -> AuditFinding {
        let days = daysBetween(now, leaf.notAfter)
        let evidence = [
            "notBefore": HTTPDate.format(leaf.notBefore),
            "notAfter": HTTPDate.format(leaf.notAfter), "daysLeft": String(days),
        ]
        if now >= leaf.notAfter {
            return AuditCheck.certificateExpired.finding(
                "Certificate expired \(-days) days ago", subject: subject, evidence: evidence)
        }
        if now < leaf.notBefore {
            return AuditCheck.certificateNotYetValid.finding(
                "Certificate is not valid yet", subject: subject, evidence: evidence)
        }
        if days < expiryWarningDays {
            return AuditCheck.certificateExpiresSoon.finding(
                "Certificate expires in \(days) days", subject: subject, evidence: evidence)
        }
        return AuditCheck.certificateValidity.finding(
            "Certificate valid for \(days) more days", subject: subject, evidence: evidence)
    }

    /// Whole days from `from` to `to` (negative when `to` is earlier), rounded toward `from`.
    static func daysBetween(_ from: Int, _ to: Int) -> Int { (to - from) / 86400 }

    static func key(_ leaf: PeerCertificate, subject: String) -> AuditFinding {
        let algorithm = leaf.publicKeyAlgorithm, bits = leaf.publicKeyBits
        let evidence = ["algorithm": algorithm, "bits": String(bits), "publicKeyPin": leaf.publicKeyPin]
        let upper = algorithm.uppercased()
        let minimum = upper.hasPrefix("RSA") || upper.hasPrefix("DSA") ? 2048 : upper.hasPrefix("EC") ? 256 : 0
        if bits > 0 && bits < minimum {
            return AuditCheck.certificateKeyWeak.finding(
                "Weak \(algorithm) key of \(bits) bits (at least \(minimum) expected)", subject: subject,
                evidence: evidence)
        }
        let size = bits > 0 ? " \(bits) bits" : ""
        return AuditCheck.certificateKey.finding("\(algorithm)\(size) key", subject: subject, evidence: evidence)
    }

    private static func signature(
        _ facts: TLSSessionFacts, reasons: [VerificationFailure], subject: String
    ) -> AuditFinding? {
        let algorithm = facts.signatureAlgorithm ?? ""
        let upper = algorithm.uppercased()
        if reasons.contains(.insecureAlgorithm) || upper.contains(text: "SHA1") || upper.contains(text: "MD5") {
            return AuditCheck.signatureAlgorithmWeak.finding(
                "Weak signature algorithm \(algorithm.isEmpty ? "in the chain" : algorithm)", subject: subject,
                evidence: ["signatureAlgorithm": algorithm])
        }
        guard !algorithm.isEmpty else { return nil }
        return AuditCheck.signatureAlgorithm.finding(
            "Handshake signed with \(algorithm)", subject: subject, evidence: ["signatureAlgorithm": algorithm])
    }

    static func staple(_ status: CertificateStatus, subject: String) -> AuditFinding {
        let evidence = ["status": status.code]
        switch status {
        case .good:
            return AuditCheck.ocspStapleGood.finding("OCSP staple says good", subject: subject, evidence: evidence)
        case .missing, .notChecked:
            return AuditCheck.ocspStapleMissing.finding("No OCSP staple", subject: subject, evidence: evidence)
        case .revoked, .unknown, .invalid:
            return AuditCheck.ocspStapleBad.finding(
                "OCSP staple: " + (status.failureReason ?? status.code), subject: subject, evidence: evidence)
        }
    }
}
