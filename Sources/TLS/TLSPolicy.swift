/// The rules that protect users, judged from the facts of a handshake and the user's options,
/// the same for every backend (curl's `vtls.c` against its backends): chain and host name,
/// then the stapled OCSP response, then the public-key pin. Pure, so every rule is unit-tested
/// with hand-made facts.
public enum TLSPolicy {
    /// Fills in the verdicts: `found` is what the backend's chain and host-name verification
    /// reported (it runs even under `-k`, where only a stapled response needs it).
    public static func judge(
        _ facts: inout TLSSessionFacts, found: [VerificationFailure],
        configuration: TLSConfiguration
    ) {
        facts.ocspRequired = configuration.requireCertificateStatus
        facts.verification = verdict(found: found, facts: facts, verifyPeer: configuration.verifyPeer)
        facts.pinnedPublicKeyMatched = configuration.pinnedPublicKey.map { pin in
            guard let leaf = facts.leaf else { return false }
            return pin.matches(spki: leaf.subjectPublicKeyInfo, sha256: leaf.subjectPublicKeyDigest)
        }
    }

    static func verdict(found: [VerificationFailure], facts: TLSSessionFacts, verifyPeer: Bool) -> VerificationVerdict {
        if facts.authentication == .srp { return verifyPeer ? .srpAuthenticated : .skipped(found: []) }
        var reasons = found
        if facts.ocspRequired && facts.ocspStaple == .revoked {
            // GnuTLS's verification also flags the revoked staple; --cert-status reports it (91).
            reasons.removeAll { $0 == .revoked }
        }
        guard verifyPeer else { return .skipped(found: reasons) }
        return reasons.isEmpty ? .verified : .failed(reasons: reasons)
    }

    /// Fails the connection for the first rule the facts break, in curl's order; the error
    /// carries the facts so a refused server can still be reported in full.
    public static func enforce(_ facts: TLSSessionFacts, peer: String) throws(TLSError) {
        if case .failed(let reasons) = facts.verification, let first = reasons.first {
            let all = reasons.map(\.rawValue).joined(separator: ", ")
            throw TLSError(.verification(first), "SSL certificate problem: \(all) (\(peer))", facts: facts)
        }
        if let reason = statusFailure(facts) {
            // A revoked staple is never accepted; without --cert-status it is a verification failure.
            throw facts.ocspRequired
                ? TLSError(.certificateStatus, "SSL certificate status problem: \(reason) (\(peer))", facts: facts)
                : TLSError(.verification(.revoked), "SSL certificate problem: \(reason) (\(peer))", facts: facts)
        }
        if facts.pinnedPublicKeyMatched == false {
            let has = facts.leaf.map(\.publicKeyPin).flatMap { $0.isEmpty ? nil : $0 } ?? "no certificate"
            throw TLSError(
                .pinnedKeyMismatch, "SSL: public key does not match pinned public key (\(peer) has \(has))",
                facts: facts)
        }
    }

    /// Why the stapled OCSP response refuses the connection: any status but `good` under
    /// `--cert-status`, and a revoked certificate always. (Under TLS-SRP there is no
    /// certificate and the staple stays `notChecked`.)
    static func statusFailure(_ facts: TLSSessionFacts) -> String? {
        facts.ocspRequired || facts.ocspStaple == .revoked ? facts.ocspStaple.failureReason : nil
    }
}
