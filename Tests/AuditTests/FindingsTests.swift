import TLS
import XCTest

@testable import Audit

/// Findings from hand-made observations: the certificate, the plaintext offer, the outcome,
/// the host as a whole, and the injection test's reading of replies.
final class FindingsTests: XCTestCase {
    static let now = 1_800_000_000
    static let day = 86400

    static func leaf(
        notAfter: Int = now + 400 * day, bits: Int = 2048, algorithm: String = "RSA", pin: UInt8 = 1
    ) -> PeerCertificate {
        PeerCertificate(
            subject: "CN=mx.mailtls.test", issuer: "CN=mailtls Test CA", commonName: "mx.mailtls.test",
            notBefore: now - 10 * day, notAfter: notAfter, dnsNames: ["mx.mailtls.test"],
            publicKeyAlgorithm: algorithm, publicKeyBits: bits, version: 3, subjectPublicKeyInfo: [pin],
            subjectPublicKeyDigest: Array(repeating: pin, count: 32))
    }

    static func facts(
        _ leaf: PeerCertificate = leaf(), found: [VerificationFailure] = [], matched: Bool = true,
        staple: CertificateStatus = .missing
    ) -> TLSSessionFacts {
        var facts = TLSSessionFacts(
            version: .tls1_3, cipherSuite: "TLS_AES_256_GCM_SHA384", serverName: "mx.mailtls.test")
        facts.peerCertificates = [leaf]
        facts.verification = found.isEmpty ? .verified : .failed(reasons: found)
        facts.hostnameMatched = matched
        facts.ocspStaple = staple
        facts.signatureAlgorithm = "RSA-PSS-RSAE-SHA256"
        return facts
    }

    private func ids(_ findings: [AuditFinding], above: AuditSeverity = .ok) -> [String] {
        findings.filter { $0.severity > above }.map(\.id)
    }

    func testAGoodCertificateGivesOnlyTheMissingStaple() {
        let findings = CertificateFindings.findings(Self.facts(), subject: "mx:25", now: Self.now)
        XCTAssertEqual(ids(findings), ["ocsp-staple-missing"])
        XCTAssertEqual(findings.first { $0.id == "ocsp-staple-missing" }?.severity, .low)
        XCTAssertTrue(ids(findings, above: .critical).isEmpty)
        XCTAssertEqual(
            Set(findings.map(\.id)),
            [
                "tls-established", "certificate-trusted", "certificate-host-match", "certificate-validity",
                "certificate-key", "signature-algorithm", "ocsp-staple-missing",
            ])
    }

    func testBadCertificatesGiveRFC8460ResultTypes() {
        let expired = CertificateFindings.findings(
            Self.facts(
                Self.leaf(notAfter: Self.now - 3 * Self.day), found: [.expired, .untrustedIssuer], matched: false),
            subject: "mx:25", now: Self.now)
        let byID = Dictionary(expired.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byID["certificate-expired"]?.severity, .critical)
        XCTAssertEqual(byID["certificate-expired"]?.resultType, "certificate-expired")
        XCTAssertEqual(byID["certificate-expired"]?.evidence["daysLeft"], "-3")
        XCTAssertEqual(byID["certificate-not-trusted"]?.resultType, "certificate-not-trusted")
        XCTAssertEqual(byID["certificate-not-trusted"]?.evidence["reasons"], "untrustedIssuer")
        XCTAssertEqual(byID["certificate-host-mismatch"]?.resultType, "certificate-host-mismatch")
        XCTAssertEqual(byID["certificate-host-mismatch"]?.evidence["name"], "mx.mailtls.test")
    }

    func testExpiryWarnsUnderThirtyDays() {
        let soon = CertificateFindings.validity(
            Self.leaf(notAfter: Self.now + 10 * Self.day + 5), now: Self.now, subject: "s")
        XCTAssertEqual(soon.id, "certificate-expires-soon")
        XCTAssertEqual(soon.severity, .medium)
        XCTAssertEqual(soon.title, "Certificate expires in 10 days")
        XCTAssertEqual(
            CertificateFindings.validity(Self.leaf(notAfter: Self.now + 30 * Self.day), now: Self.now, subject: "s").id,
            "certificate-validity")
    }

    func testWeakKeysAndStaples() {
        XCTAssertEqual(CertificateFindings.key(Self.leaf(bits: 1024), subject: "s").id, "certificate-key-weak")
        XCTAssertEqual(CertificateFindings.key(Self.leaf(bits: 2048), subject: "s").id, "certificate-key")
        XCTAssertEqual(
            CertificateFindings.key(Self.leaf(bits: 256, algorithm: "EC/ECDSA"), subject: "s").id, "certificate-key")
        XCTAssertEqual(
            CertificateFindings.key(Self.leaf(bits: 192, algorithm: "EC/ECDSA"), subject: "s").severity, .high)
        XCTAssertEqual(CertificateFindings.staple(.good, subject: "s").id, "ocsp-staple-good")
        XCTAssertEqual(CertificateFindings.staple(.unknown, subject: "s").severity, .medium)
    }

    func testLoginsOfferedBeforeSTARTTLS() {
        let smtp = AuditService(.smtp, implicitTLS: false, port: 587)
        let imap = AuditService(.imap, implicitTLS: false, port: 143)
        let pop3 = AuditService(.pop3, implicitTLS: false, port: 110)
        let none = PlaintextLogin(mechanisms: [], passwordCommand: false)
        XCTAssertEqual(ServiceFindings.plaintext(none, service: smtp, subject: "s")?.id, "no-auth-before-starttls")
        let auth = ServiceFindings.plaintext(
            PlaintextLogin(mechanisms: ["PLAIN", "LOGIN"], passwordCommand: false), service: smtp, subject: "s")
        XCTAssertEqual(auth?.id, "auth-before-starttls")
        XCTAssertEqual(auth?.evidence["offered"], "AUTH PLAIN, AUTH LOGIN")
        XCTAssertEqual(
            ServiceFindings.plaintext(
                PlaintextLogin(mechanisms: [], passwordCommand: true), service: imap, subject: "s")?
                .title, "Login offered before STARTTLS: LOGIN (no LOGINDISABLED)")
        // IMAP with LOGINDISABLED offering only a challenge-response mechanism is fine.
        XCTAssertEqual(
            ServiceFindings.plaintext(
                PlaintextLogin(mechanisms: ["SCRAM-SHA-256"], passwordCommand: false), service: imap, subject: "s")?.id,
            "no-auth-before-starttls")
        XCTAssertEqual(
            ServiceFindings.plaintext(
                PlaintextLogin(mechanisms: ["PLAIN"], passwordCommand: true), service: pop3, subject: "s")?.evidence[
                    "offered"], "USER, SASL PLAIN")
    }

    func testUnreachableIsNeverATLSFailure() {
        var observation = ServiceObservation(
            host: "h", service: AuditService(.pop3, implicitTLS: true, port: 995), address: "127.0.0.1",
            connectedPort: 995)
        observation.outcome = .unreachable("Connection refused")
        let standard = ServiceFindings.findings(observation, origin: .standardPort, now: Self.now)
        XCTAssertEqual(standard.map(\.id), ["service-unreachable"])
        XCTAssertEqual(standard.first?.severity, .low)
        XCTAssertTrue(standard.first?.title.hasPrefix("Rate limited / unreachable") ?? false)
        XCTAssertEqual(ServiceFindings.findings(observation, origin: .url, now: Self.now).first?.severity, .high)
        observation.outcome = .rateLimited("421 4.7.0 too many connections")
        XCTAssertEqual(
            ServiceFindings.findings(observation, origin: .url, now: Self.now).map(\.id), ["service-rate-limited"])
        XCTAssertNil(ServiceFindings.findings(observation, origin: .url, now: Self.now).first?.resultType)
    }

    func testCertificatesAreComparedAcrossPortsAndAddresses() {
        func observed(_ port: UInt16, _ address: String, pin: UInt8) -> ServiceObservation {
            var o = ServiceObservation(
                host: "mx", service: AuditService(.smtp, implicitTLS: port == 465, port: port), address: address,
                connectedPort: port)
            o.tls = Self.facts(Self.leaf(pin: pin))
            return o
        }
        let same = HostFindings.sameCertificate([observed(25, "a", pin: 1), observed(465, "a", pin: 1)], host: "mx")
        XCTAssertEqual(same.map(\.id), ["certificate-same-on-all-ports"])
        let differs = HostFindings.sameCertificate(
            [observed(25, "a", pin: 1), observed(25, "b", pin: 2), observed(587, "a", pin: 1)], host: "mx")
        XCTAssertEqual(differs.map(\.id), ["certificate-differs-across-addresses", "certificate-differs-across-ports"])
    }

    func testImplicitTLSPortsBesideSTARTTLSOnes() {
        let targets = AuditService.standard.map { AuditTarget(host: "mx", service: $0, origin: .standardPort) }
        let observations = AuditService.standard.map { service in
            var o = ServiceObservation(host: "mx", service: service, address: "a", connectedPort: service.port)
            if service.port == 995 { o.outcome = .unreachable("refused") }
            return o
        }
        let findings = HostFindings.implicitTLS(observations, host: "mx", targets: targets)
        XCTAssertEqual(
            findings.map { "\($0.id) \($0.subject)" },
            ["implicit-tls-present mx:465", "implicit-tls-present mx:993", "implicit-tls-missing mx:995"])
    }

    func testTheInjectionTestReadsTheAnswersAfterTheHandshake() {
        func lines(_ texts: String...) -> [[UInt8]] { texts.map { Array($0.utf8) } }
        let smtp = InjectionDialect(.smtp)
        XCTAssertNil(smtp.injectedAnswer(in: [lines("221 2.0.0 Bye")]))
        XCTAssertEqual(smtp.injectedAnswer(in: [lines("250 2.0.0 Ok"), lines("221 Bye")]), lines("250 2.0.0 Ok"))
        XCTAssertTrue(smtp.endsReply(Array("250 ok".utf8)))
        XCTAssertFalse(smtp.endsReply(Array("250-ok".utf8)))
        let imap = InjectionDialect(.imap)
        XCTAssertNil(imap.injectedAnswer(in: [lines("* BYE Logging out"), lines("c OK Logout completed.")]))
        XCTAssertNotNil(imap.injectedAnswer(in: [lines("b OK NOOP completed."), lines("c OK Logout")]))
        let pop3 = InjectionDialect(.pop3)
        XCTAssertNil(pop3.injectedAnswer(in: [lines("+OK Logging out")]))
        XCTAssertNotNil(pop3.injectedAnswer(in: [lines("-ERR Unknown command"), lines("+OK Logging out")]))
    }
}
