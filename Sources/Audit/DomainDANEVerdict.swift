import DNS
import TLS

/// Whether the chain an MX host sent matches its TLSA records (RFC 7672 3.1, RFC 7671 5): DANE-EE
/// (usage 3) against the server's certificate, names and dates ignored; DANE-TA (usage 2) against
/// a certificate above it, which the chain must lead to and whose leaf must carry the MX host
/// name (or the TLSA base domain). Usages 0 and 1 and other unusable records never match.
/// The chain's links are checked by issuer and subject names here; the signatures up to the
/// matched trust anchor by the TLS layer (`TrustAnchorVerifying`: GnuTLS with a trust list
/// holding just that certificate), when a verifier is given.
public struct DANEVerdict: Sendable, Equatable {
    /// Every (record, depth) whose association data the chain has.
    public var matches: [DANEMatch]
    /// The matches that authenticate the server (a DANE-TA match needs a linked chain and a name).
    public var accepted: [DANEMatch]
    /// The usable records judged.
    public var usableRecordCount: Int
    /// Why no match authenticates the server; nil when one does.
    public var failureReason: String?
    /// Set when only one usable record is published: the next key or CA change breaks delivery
    /// unless its record is published first (RFC 7671 8.1).
    public var rolloverWarning: String?
    /// `dane-no-match` / `dane-ta-unverified` (validation-failure), `dane-rollover` (low).
    public var issues: [DomainIssue]

    public var isMatch: Bool { !accepted.isEmpty }

    /// - Parameters:
    ///   - chain: the certificates the server sent, leaf first, with their DER
    ///     (`TLSSessionFacts.peerCertificates`).
    ///   - host: the MX host name; `baseDomain`: the TLSA base domain when it differs (CNAME).
    ///   - verifier: checks the signatures up to a DANE-TA anchor; nil: names only (unit tests).
    public static func evaluate(
        records: [TLSARecord], chain: [PeerCertificate], host: String, baseDomain: String? = nil,
        verifier: (any TrustAnchorVerifying)? = nil
    ) -> DANEVerdict {
        let usable = records.filter { $0.unusableReason == nil }
        let daneChain = chain.prefix(DANEMatcher.maximumChainLength).map {
            DANECertificate(der: $0.der, subjectPublicKeyInfo: $0.subjectPublicKeyInfo)
        }
        let matches = DANEMatcher.matches(records: usable, chain: Array(daneChain))
        var names = [host]
        if let baseDomain, normalized(baseDomain) != normalized(host) { names.append(baseDomain) }
        var rejections: [String] = []
        let accepted = matches.filter { match in
            guard match.record.usage == TLSARecord.daneTA else { return true }
            if let broken = brokenLink(chain, upTo: match.depth) {
                rejections.append("DANE-TA record matches at depth \(match.depth) but \(broken)")
                return false
            }
            if let verifier, let failure = verifier.verify(chain: chain, anchorDepth: match.depth) {
                rejections.append(
                    "DANE-TA record matches at depth \(match.depth) but the chain does not verify up to it: \(failure)")
                return false
            }
            guard let leaf = chain.first, names.contains(where: { nameMatches(leaf, $0) }) else {
                rejections.append(
                    "DANE-TA record matches at depth \(match.depth) but the server's certificate is not for "
                        + names.joined(separator: " or "))
                return false
            }
            return true
        }
        var verdict = DANEVerdict(
            matches: matches, accepted: accepted, usableRecordCount: usable.count, failureReason: nil,
            rolloverWarning: nil, issues: [])
        if accepted.isEmpty {
            let reason =
                usable.isEmpty
                ? "no usable TLSA record"
                : chain.isEmpty
                    ? "the server sent no certificate"
                    : rejections.first ?? "no usable TLSA record matches the certificate chain"
            verdict.failureReason = reason
            verdict.issues.append(
                DomainIssue(
                    id: matches.isEmpty ? "dane-no-match" : "dane-ta-unverified", severity: .critical,
                    resultType: .validationFailure, subject: host,
                    title: "The certificate chain matches no TLSA record: senders using DANE refuse to deliver",
                    evidence: evidence(usable: usable, chain: chain, reason: reason)))
        }
        if usable.count == 1 {
            let warning =
                "only one usable TLSA record: a new key or CA breaks delivery unless its record is published first"
            verdict.rolloverWarning = warning
            verdict.issues.append(
                DomainIssue(
                    id: "dane-rollover", severity: .low, subject: host, title: "No TLSA record for the next key",
                    evidence: ["record": usable[0].description, "advice": warning + " (RFC 7671 8.1)"]))
        }
        return verdict
    }

    /// Where the chain stops leading up to `depth` (each certificate's issuer is the next one's subject).
    static func brokenLink(_ chain: [PeerCertificate], upTo depth: Int) -> String? {
        for index in 0..<max(0, min(depth, chain.count - 1)) where chain[index].issuer != chain[index + 1].subject {
            return "certificate \(index) was not issued by certificate \(index + 1) of the chain"
        }
        return nil
    }

    /// RFC 6125 as RFC 7672 3.2.3 asks: a dNSName equal to the name, or `*.` and its parent
    /// domain (one leftmost label); the common name only when there are no dNSNames.
    static func nameMatches(_ certificate: PeerCertificate, _ name: String) -> Bool {
        let wanted = normalized(name)
        let candidates = certificate.dnsNames.isEmpty ? certificate.commonName.map { [$0] } ?? [] : certificate.dnsNames
        return candidates.contains { candidate in
            let presented = normalized(candidate)
            guard presented.hasPrefix("*.") else { return presented == wanted }
            guard let dot = wanted.firstIndex(of: "."), dot != wanted.startIndex else { return false }
            return wanted[wanted.index(after: dot)...] == presented.dropFirst(2)
        }
    }

    private static func normalized(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
    }

    private static func evidence(usable: [TLSARecord], chain: [PeerCertificate], reason: String) -> [String: String] {
        var evidence = ["reason": reason]
        for (index, record) in usable.prefix(8).enumerated() { evidence["record\(index + 1)"] = record.description }
        for (index, certificate) in chain.prefix(4).enumerated() {
            evidence["certificate\(index)"] = "\(certificate.subject) \(certificate.publicKeyPin)"
        }
        return evidence
    }
}
