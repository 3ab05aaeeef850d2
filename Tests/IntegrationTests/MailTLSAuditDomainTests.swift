import Foundation
import XCTest

/// `mail-tls-audit DOMAIN` with the test resolver (servers/dns.sh): DNSSEC status, DANE against
/// the chain each MX sent on port 25, MTA-STS (servers/mtasts.sh) and TLS-RPT, for a good domain
/// (scripted STARTTLS servers with the MX hosts' own certificates) and broken ones (the test
/// Postfix, whose certificate names localhost; a policy host with the wrong answer; a zone with
/// expired signatures). Finding ids, severities, result types, the JSON document and exit codes.
extension MailTLSAuditTests {
    static var dns: [String] {
        [
            "--resolver", "127.0.0.1:\(TestServers.port("DNS_RESOLVER_PORT"))", "--trust-anchor",
            TestServers.runDirectory.appendingPathComponent("dns/trust-anchors.ds").path,
        ]
    }

    /// `--connect-to` for the MTA-STS policy host of `domain`.
    static func policy(_ domain: String, _ portName: String = "MTASTS_PORT") -> [String] {
        ["--connect-to", "mta-sts.\(domain):443:127.0.0.1:\(TestServers.port(portName))"]
    }

    static func mx(_ host: String, _ port: Int) -> [String] { ["--connect-to", "\(host):25:127.0.0.1:\(port)"] }

    func domain(_ audit: Audit, _ name: String) throws -> [String: Any] {
        let domains = try XCTUnwrap(audit.document["domains"] as? [[String: Any]])
        return try XCTUnwrap(domains.first { $0["domain"] as? String == name })
    }

    func severity(_ audit: Audit, _ id: String, _ subject: String) -> [String?] {
        let finding = audit.finding(id, subject)
        return [finding?["severity"] as? String, finding?["resultType"] as? String]
    }

    func testAGoodDomainWithDANEMTASTSAndTLSRPTShowsNothingAboveLow() throws {
        // Each MX host's own certificate (mx.pem: server.pem's key, DANE-EE 3 1 1; mx2.pem with
        // the test CA sent along, DANE-TA 2 0 1 of ca.pem, signatures checked by GnuTLS).
        let mx = try PythonScriptServer.start(
            "audit_careful_smtp_server.py", certificate: "mx-chain.pem", key: "mx-key.pem")
        defer { mx.stop() }
        let mx2 = try PythonScriptServer.start(
            "audit_careful_smtp_server.py", certificate: "mx2-chain.pem", key: "mx2-key.pem")
        defer { mx2.stop() }
        let audit = try audit(
            ["mailtls.test"] + Self.dns + Self.cacert + Self.policy("mailtls.test")
                + Self.mx("mx.mailtls.test", Int(mx.port)!) + Self.mx("mx2.mailtls.test", Int(mx2.port)!))
        XCTAssertEqual(audit.ids(above: "low"), [], audit.result.stdout)
        XCTAssertEqual(audit.result.status, 0, audit.result.stdout)
        for id in ["mx-found", "dnssec-secure", "mta-sts-valid", "tls-rpt-present"] {
            XCTAssertEqual(audit.finding(id, "mailtls.test")?["severity"] as? String, "ok", id)
        }
        let ee = try XCTUnwrap(audit.finding("dane-valid", "mx.mailtls.test:25")?["evidence"] as? [String: String])
        XCTAssertEqual([ee["depth"], ee["record"]?.prefix(5).description], ["0", "3 1 1"])
        let ta = try XCTUnwrap(audit.finding("dane-valid", "mx2.mailtls.test:25")?["evidence"] as? [String: String])
        XCTAssertEqual([ta["depth"], ta["record"]?.prefix(5).description], ["1", "2 0 1"])
        XCTAssertEqual(self.severity(audit, "dane-rollover", "mx2.mailtls.test:25"), ["low", nil], "one TLSA record")
        XCTAssertNil(audit.finding("dane-rollover", "mx.mailtls.test:25"), "two TLSA records")
        XCTAssertNotNil(audit.finding("certificate-host-match", "mx2.mailtls.test:25"))

        let domain = try domain(audit, "mailtls.test")
        XCTAssertEqual(domain["mxSecurity"] as? String, "secure")
        let lookups = try XCTUnwrap(domain["lookups"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(lookups.count, 9)
        XCTAssertEqual(Set(lookups.compactMap { $0["dnssec"] as? String }), ["secure"])
        let hosts = try XCTUnwrap(domain["hosts"] as? [[String: Any]])
        let dane = hosts.compactMap { $0["dane"] as? [String: Any] }
        XCTAssertEqual(dane.map { ($0["records"] as? [Any])?.count }, [2, 1])
        let verdicts = dane.map { ($0["verdicts"] as? [[String: Any]] ?? []).compactMap { $0["result"] as? String } }
        XCTAssertEqual(verdicts, [["match"], ["match"]])
        let sts = try XCTUnwrap(domain["mtaSTS"] as? [String: Any])
        XCTAssertEqual(sts["status"] as? String, "policy")
        XCTAssertEqual((sts["policy"] as? [String: Any])?["mode"] as? String, "enforce")
        XCTAssertEqual((domain["tlsRPT"] as? [String: Any])?["reportURIs"] as? [String], ["mailto:tlsrpt@mailtls.test"])
        XCTAssertTrue(audit.result.stdout.contains("DNSSEC   9 of 9 answers secure"), audit.result.stdout)
        XCTAssertTrue(audit.result.stdout.contains("127.0.0.1: match (2 0 1 at depth 1)"), audit.result.stdout)
    }

    func testABrokenDomainShowsEachFailure() throws {
        // broken.mailtls.test: its only usable TLSA record is a stale key, a PKIX-EE record is
        // unusable, the policy host has no certificate for its name, the TLS-RPT rua is ftp:.
        let postfix = TestServers.port("POSTFIX_SUBMISSION_PORT")
        let audit = try audit(
            ["broken.mailtls.test"] + Self.dns + Self.cacert + Self.policy("broken.mailtls.test")
                + Self.mx("mx.broken.mailtls.test", postfix))
        let subject = "mx.broken.mailtls.test:25"
        XCTAssertEqual(self.severity(audit, "dane-no-match", subject), ["critical", "validation-failure"])
        XCTAssertEqual(self.severity(audit, "dane-rollover", subject), ["low", nil])
        XCTAssertEqual(self.severity(audit, "dane-tlsa-unusable", "mx.broken.mailtls.test"), ["low", "tlsa-invalid"])
        XCTAssertEqual(
            self.severity(audit, "mta-sts-policy-certificate", "mta-sts.broken.mailtls.test"),
            ["high", "sts-webpki-invalid"])
        XCTAssertEqual(self.severity(audit, "tls-rpt-invalid", "broken.mailtls.test"), ["medium", nil])
        XCTAssertEqual(
            self.severity(audit, "certificate-host-mismatch", subject), ["high", "certificate-host-mismatch"])
        XCTAssertEqual(self.severity(audit, "dnssec-secure", "broken.mailtls.test"), ["ok", nil])
        XCTAssertNil(audit.finding("dane-valid"))
        XCTAssertEqual(audit.result.status, 3)
        let domain = try domain(audit, "broken.mailtls.test")
        let host = try XCTUnwrap((domain["hosts"] as? [[String: Any]])?.first)
        let verdict = try XCTUnwrap(((host["dane"] as? [String: Any])?["verdicts"] as? [[String: Any]])?.first)
        XCTAssertEqual(verdict["result"] as? String, "no-match")
        XCTAssertEqual((verdict["matches"] as? [Any])?.count, 0)
        let sts = try XCTUnwrap(domain["mtaSTS"] as? [String: Any])
        XCTAssertEqual((sts["fetch"] as? [String: Any])?["failure"] as? String, "certificate")
        XCTAssertEqual((domain["tlsRPT"] as? [String: Any])?["status"] as? String, "invalid")
        XCTAssertTrue(audit.result.stdout.contains("127.0.0.1: NO MATCH"), audit.result.stdout)
    }

    func testTheGoodDomainOnTheTestPostfixWithBadPolicyHosts() throws {
        // Postfix sends server.pem (localhost) with the test CA: mx's DANE-EE record matches the
        // key, mx2's DANE-TA record matches the CA but the certificate is not mx2's.
        let postfix = TestServers.port("POSTFIX_SUBMISSION_PORT")
        let servers = Self.mx("mx.mailtls.test", postfix) + Self.mx("mx2.mailtls.test", postfix)
        let wrongType = try audit(
            ["mailtls.test"] + Self.dns + Self.cacert + servers + Self.policy("mailtls.test", "MTASTS_WRONG_TYPE_PORT"))
        XCTAssertNotNil(wrongType.finding("dane-valid", "mx.mailtls.test:25"))
        XCTAssertEqual(
            self.severity(wrongType, "dane-ta-unverified", "mx2.mailtls.test:25"), ["critical", "validation-failure"])
        let fetch = try XCTUnwrap(wrongType.finding("mta-sts-policy-fetch-failed", "mta-sts.mailtls.test"))
        XCTAssertEqual([fetch["severity"], fetch["resultType"]] as? [String], ["high", "sts-policy-fetch-error"])
        XCTAssertEqual((fetch["evidence"] as? [String: String])?["content-type"], "text/html")
        XCTAssertNil(wrongType.finding("mta-sts-valid"))
        XCTAssertEqual(wrongType.result.status, 3)

        let redirect = try audit(
            ["mailtls.test"] + Self.dns + Self.cacert + servers + Self.policy("mailtls.test", "MTASTS_REDIRECT_PORT"))
        let moved = try XCTUnwrap(redirect.finding("mta-sts-policy-fetch-failed", "mta-sts.mailtls.test"))
        XCTAssertEqual((moved["evidence"] as? [String: String])?["status"], "301")

        let uncovered = try audit(
            ["mailtls.test"] + Self.dns + Self.cacert + servers + Self.policy("mailtls.test", "MTASTS_UNCOVERED_PORT"))
        XCTAssertEqual(
            self.severity(uncovered, "mta-sts-mx-not-covered", "mx2.mailtls.test"), ["high", "validation-failure"])
        XCTAssertEqual(self.severity(uncovered, "mta-sts-pattern-unused", "mailtls.test"), ["low", nil])
    }

    func testBogusUnsignedAndNullMXDomains() throws {
        let bogus = try audit(["bogus.test"] + Self.dns)
        XCTAssertEqual(self.severity(bogus, "dnssec-bogus", "bogus.test"), ["critical", "dnssec-invalid"])
        XCTAssertEqual(try domain(bogus, "bogus.test")["mxSecurity"] as? String, "bogus")
        XCTAssertNil(bogus.finding("dane-valid"))
        XCTAssertEqual(bogus.services.count, 0, "an unproven MX is not connected to")
        XCTAssertEqual(bogus.result.status, 3)

        let unsigned = try audit(["unsigned.test"] + Self.dns + Self.mx("mx.unsigned.test", 1))
        XCTAssertEqual(self.severity(unsigned, "dnssec-unsigned", "unsigned.test"), ["low", nil])
        let hosts = try XCTUnwrap(try domain(unsigned, "unsigned.test")["hosts"] as? [[String: Any]])
        XCTAssertFalse(hosts.isEmpty)
        XCTAssertEqual(
            hosts.compactMap { ($0["dane"] as? [String: Any])?["applies"] as? Bool }, hosts.map { _ in false })

        let null = try audit(["nullmx.mailtls.test"] + Self.dns)
        XCTAssertEqual(null.ids(), ["mx-null", "dnssec-secure"])
        XCTAssertEqual(null.result.status, 0)
    }
}
