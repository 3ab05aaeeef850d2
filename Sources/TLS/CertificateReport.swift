/// The certificate block of `-v`, in curl's GnuTLS-backend layout. Pure: tests compare lines.
public enum CertificateReport {
    public static func lines(for facts: TLSSessionFacts, serverName: String, now: Int) -> [String] {
        var lines: [String] = []
        if facts.verified {
            lines.append(facts.verificationFailures.isEmpty
                         ? "  server certificate verification OK"
                         : "  server certificate verification FAILED")
        } else {
            lines.append("  server certificate verification SKIPPED")
        }
        switch facts.certificateStatus {
        case .notChecked: lines.append("  server certificate status verification SKIPPED")
        case .good: lines.append("  server certificate status verification OK")
        default: lines.append("  server certificate status verification FAILED")
        }
        guard let cert = facts.certificate else {
            if facts.authenticatedBySRP { lines.append("  server authenticated by TLS-SRP (no certificate)") }
            return lines
        }
        let cn = cert.commonName ?? "(none)"
        lines.append(facts.hostnameMatched
                     ? "  common name: \(cn) (matched)"
                     : "  common name: \(cn) (does not match '\(serverName)')")
        lines.append(cert.notAfter < now ? "  server certificate expiration date FAILED"
                                         : "  server certificate expiration date OK")
        lines.append(cert.notBefore > now ? "  server certificate activation date FAILED"
                                          : "  server certificate activation date OK")
        lines.append("  certificate public key: \(cert.publicKeyAlgorithm)")
        lines.append("  certificate version: #\(cert.version)")
        lines.append("  subject: \(cert.subject)")
        lines.append("  start date: \(HTTPDate.format(cert.notBefore))")
        lines.append("  expire date: \(HTTPDate.format(cert.notAfter))")
        lines.append("  issuer: \(cert.issuer)")
        if facts.publicKeyPinned { lines.append("  public key hash: \(cert.publicKeyPin)") }
        return lines
    }
}
