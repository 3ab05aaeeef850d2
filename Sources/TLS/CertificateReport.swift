/// The `-v` rendering of a handshake's facts, in curl's GnuTLS-backend layout, then what a TLS
/// tester needs beyond curl's lines (`CertificateReport+Chain`). Pure: tests compare lines. (A data renderer encodes the same `TLSSessionFacts`.)
public enum CertificateReport {
    /// Everything `-v` prints about a finished handshake, in order; `now` judges the dates.
    public static func traceLines(for facts: TLSSessionFacts, now: Int) -> [String] {
        facts.warningAlerts.map(alertLine) + [connectionLine(for: facts)] + lines(for: facts, now: now)
            + sessionLines(for: facts) + chainLines(for: facts)
    }

    /// "SSL connection using TLS1.3 / TLS_AES_256_GCM_SHA384": scripts grep for it.
    public static func connectionLine(for facts: TLSSessionFacts) -> String {
        "SSL connection using \(facts.version.displayName) / \(facts.cipherSuite)"
    }

    /// A warning alert the handshake went past.
    public static func alertLine(_ alert: TLSAlert) -> String {
        "TLS alert received during the handshake: \(alert.name) (\(alert.level.rawValue) \(alert.number)); continuing"
    }

    /// The certificate block.
    public static func lines(for facts: TLSSessionFacts, now: Int) -> [String] {
        var lines: [String] = []
        switch facts.verification {
        case .verified, .srpAuthenticated: lines.append("  server certificate verification OK")
        case .failed: lines.append("  server certificate verification FAILED")
        case .skipped: lines.append("  server certificate verification SKIPPED")
        }
        // The staple is shown when --cert-status asked for it, or when it says "revoked".
        let status = facts.ocspRequired || facts.ocspStaple == .revoked ? facts.ocspStaple : .notChecked
        switch status {
        case .notChecked: lines.append("  server certificate status verification SKIPPED")
        case .good: lines.append("  server certificate status verification OK")
        default: lines.append("  server certificate status verification FAILED")
        }
        guard let cert = facts.leaf else {
            if facts.authentication == .srp { lines.append("  server authenticated by TLS-SRP (no certificate)") }
            return lines
        }
        let cn = cert.commonName ?? "(none)"
        lines.append(
            facts.hostnameMatched
                ? "  common name: \(cn) (matched)"
                : "  common name: \(cn) (does not match '\(facts.serverName)')")
        lines.append(
            cert.notAfter < now
                ? "  server certificate expiration date FAILED"
                : "  server certificate expiration date OK")
        lines.append(
            cert.notBefore > now
                ? "  server certificate activation date FAILED"
                : "  server certificate activation date OK")
        lines.append("  certificate public key: \(cert.publicKeyAlgorithm)")
        lines.append("  certificate version: #\(cert.version)")
        lines.append("  subject: \(cert.subject)")
        lines.append("  start date: \(HTTPDate.format(cert.notBefore))")
        lines.append("  expire date: \(HTTPDate.format(cert.notAfter))")
        lines.append("  issuer: \(cert.issuer)")
        if facts.pinnedPublicKeyMatched != nil { lines.append("  public key hash: \(cert.publicKeyPin)") }
        return lines
    }
}
