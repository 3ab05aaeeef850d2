/// What `-v` adds after curl's lines, with the same `* ` prefix: the key exchange, whether the
/// session was resumed, and every certificate of the chain as the server sent it, each with its
/// `sha256//` pin (what `--pinnedpubkey` takes). Labels differ from curl's (`subject:`,
/// `expire date:`), so scripts grepping curl's lines find each exactly once.
extension CertificateReport {
    /// "TLS key exchange group: X25519, signature algorithm: RSA-PSS-RSAE-SHA256", and the resumption.
    public static func sessionLines(for facts: TLSSessionFacts) -> [String] {
        let group = facts.keyExchangeGroup ?? "none"
        let signature = facts.signatureAlgorithm ?? "none"
        return [
            "TLS key exchange group: \(group), signature algorithm: \(signature)",
            "TLS session resumed: \(facts.resumed ? "yes" : "no")",
        ]
    }

    /// One block per certificate, leaf first:
    /// ```
    /// certificate 1 of 2: CN=localhost
    ///   issued by: CN=mailtls Test CA
    ///   alt names: DNS:localhost, IP:127.0.0.1
    ///   key: RSA 2048 bits
    ///   valid: Thu, 01 Jan 1970 00:16:40 GMT to Thu, 01 Jan 1970 00:50:00 GMT
    ///   pin: sha256//q6ur...
    /// ```
    public static func chainLines(for facts: TLSSessionFacts) -> [String] {
        let count = facts.peerCertificates.count
        return facts.peerCertificates.enumerated().flatMap { index, cert in
            var lines = ["certificate \(index + 1) of \(count): \(cert.subject)", "  issued by: \(cert.issuer)"]
            let names = cert.dnsNames.map { "DNS:" + $0 } + cert.ipAddresses.map { "IP:" + $0 }
            if !names.isEmpty { lines.append("  alt names: " + names.joined(separator: ", ")) }
            lines.append(
                "  key: \(cert.publicKeyAlgorithm)" + (cert.publicKeyBits > 0 ? " \(cert.publicKeyBits) bits" : ""))
            lines.append("  valid: \(HTTPDate.format(cert.notBefore)) to \(HTTPDate.format(cert.notAfter))")
            if !cert.publicKeyPin.isEmpty { lines.append("  pin: \(cert.publicKeyPin)") }
            return lines
        }
    }
}
