import Foundation
import XCTest

/// `mail-tls-audit`'s TLS scan (issue 14 items 3 and 4) and certificate checks (items 5 and 6)
/// against the real servers: the weak Postfix ports, a gnutls-serv with a deliberately weak
/// priority, a rate-limiting scripted server, a server that never greets.
extension MailTLSAuditTests {
    private func evidence(_ finding: [String: Any]?) -> [String: String] {
        finding?["evidence"] as? [String: String] ?? [:]
    }

    private func scan(_ audit: Audit, _ index: Int = 0) throws -> [String: Any] {
        try XCTUnwrap(audit.services[index]["tlsScan"] as? [String: Any], "no tlsScan")
    }

    private func acceptedSuites(_ scan: [String: Any], _ version: String) -> Set<String> {
        let entry = (scan["cipherSuites"] as? [[String: Any]] ?? []).first { $0["version"] as? String == version }
        return Set((entry?["accepted"] as? [[String: Any]] ?? []).compactMap { $0["ianaName"] as? String })
    }

    func testTheWeakPostfixPortOffersTLS10And11AndTheScanAgreesWithOpenSSL() throws {
        let port = TestServers.port("POSTFIX_WEAK_TLS10_PORT")
        let audit = try audit(["smtp://localhost:\(port)"] + Self.cacert)
        let subject = "localhost:\(port)"
        let versions = try XCTUnwrap(audit.finding("tls-version-insufficient", subject))
        XCTAssertEqual(versions["severity"] as? String, "medium")
        XCTAssertEqual(evidence(versions)["accepted"], "TLS1.3,TLS1.2,TLS1.1,TLS1.0")
        XCTAssertEqual(audit.finding("auth-before-starttls", subject)?["severity"] as? String, "medium")
        let scan = try scan(audit)
        XCTAssertTrue(scan["stopped"] is NSNull, "\(scan["stopped"] ?? "")")
        // TLS 1.0 as OpenSSL sees it (security level 0: OpenSSL 3 refuses it otherwise).
        XCTAssertNotNil(OpenSSLClient.handshake(port: port, startTLS: "smtp", version: .tls1_0))
        let tls10 = acceptedSuites(scan, "TLS1.0")
        XCTAssertFalse(tls10.isEmpty)
        for suite in tls10.prefix(3) {
            XCTAssertNotNil(
                OpenSSLClient.handshake(port: port, startTLS: "smtp", version: .tls1_0, suite: suite), suite)
        }
        XCTAssertEqual(audit.result.status, 1, "medium at worst: \(audit.ids(above: "low"))")
        XCTAssertEqual(audit.ids(above: "medium"), [])
    }

    /// gnutls-serv on a free loopback port with everything a mail server should not do: TLS 1.2
    /// only, static RSA only, CBC, 3DES and RC4, no RFC 5746, no RFC 7627, its own order. It
    /// speaks no mail protocol: the handshake is audited, then the greeting is missing.
    func testAWeakGnuTLSServerGivesEachScanFinding() throws {
        let server = try WeakGnuTLSServer.start(
            priority: "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA:-CIPHER-ALL:+AES-128-CBC:+3DES-CBC:+ARCFOUR-128"
                + ":%DISABLE_SAFE_RENEGOTIATION:%NO_SESSION_HASH:%SERVER_PRECEDENCE")
        defer { server.stop() }
        let audit = try audit(["smtps://localhost:\(server.port)", "--connect-timeout", "2"] + Self.cacert)
        let subject = "localhost:\(server.port)"
        func severity(_ id: String) -> String? { audit.finding(id, subject)?["severity"] as? String }
        XCTAssertEqual(severity("cipher-suites-weak"), "high")
        XCTAssertEqual(
            evidence(audit.finding("cipher-suites-weak", subject))["weaknesses"], "rc4,smallBlock")
        XCTAssertEqual(severity("renegotiation-insecure"), "high")
        XCTAssertEqual(severity("extended-master-secret-missing"), "medium", "no TLS 1.3 beside it")
        XCTAssertEqual(severity("forward-secrecy-missing"), "medium")
        XCTAssertEqual(severity("cipher-suites-cbc-only"), "medium")
        XCTAssertEqual(severity("tls-version-newest-missing"), "low")
        XCTAssertEqual(severity("cipher-order-server"), "ok")
        XCTAssertNil(audit.finding("key-exchange-groups", subject), "no ECDHE: no group accepted")
        let scan = try scan(audit)
        XCTAssertEqual(
            acceptedSuites(scan, "TLS1.2"),
            ["TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA"])
        XCTAssertEqual(scan["secureRenegotiation"] as? Bool, false)
        XCTAssertEqual(scan["extendedMasterSecret"] as? Bool, false)
        // gnutls-cli, an independent client, sees the same: no safe renegotiation, RC4 accepted.
        let cli = ToolProcess.run(
            "/usr/bin/gnutls-cli",
            [
                "--port", "\(server.port)", "--insecure", "--priority",
                "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA:-CIPHER-ALL:+ARCFOUR-128", "localhost",
            ], stdin: Data(), timeout: 30)
        XCTAssertTrue(cli.stdout.contains("(RSA)-(ARCFOUR-128)"), cli.stdout + cli.stderr)
        let options = try XCTUnwrap(cli.stdout.split(separator: "\n").first { $0.hasPrefix("- Options:") })
        XCTAssertFalse(options.contains("safe renegotiation"), String(options))
        XCTAssertFalse(options.contains("extended master secret"), String(options))
    }

    func testTheScanKeepsToTheConnectionBudgetAndSaysWhatItDidNotTest() throws {
        let port = TestServers.port("POSTFIX_SUBMISSION_PORT")
        let audit = try audit(["smtp://localhost:\(port)", "--max-connections", "10"] + Self.cacert)
        let scan = try scan(audit)
        XCTAssertEqual(scan["connectionsUsed"] as? Int, 8, "10 less the dialog and the injection test")
        XCTAssertEqual((scan["stopped"] as? [String: Any])?["kind"] as? String, "budgetExhausted")
        XCTAssertEqual(audit.services.first?["connections"] as? Int, 10)
        let versions = (scan["versions"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        XCTAssertEqual(versions, ["accepted", "accepted", "refused", "refused"], "versions come first")
        let incomplete = try XCTUnwrap(audit.finding("tls-scan-incomplete"))
        XCTAssertEqual(incomplete["severity"] as? String, "low")
        XCTAssertEqual(audit.ids(above: "low"), [])
    }

    /// A server that answers 421 to every second connection: the scan stops at the first 421 as
    /// "rate limited / unreachable" and keeps what it had; nothing is judged a TLS failure.
    func testA421DuringTheScanStopsItAsRateLimited() throws {
        let server = try PythonScriptServer.start("audit_ratelimit_smtp_server.py")
        defer { server.stop() }
        let audit = try audit(["smtp://localhost:\(server.port)"] + Self.cacert)
        let scan = try scan(audit)
        let stopped = try XCTUnwrap(scan["stopped"] as? [String: Any])
        XCTAssertEqual(stopped["kind"] as? String, "unreachableOrRateLimited")
        XCTAssertTrue((stopped["reason"] as? String ?? "").hasPrefix("421 4.7.0"), "\(stopped)")
        let finding = try XCTUnwrap(audit.finding("tls-scan-incomplete"))
        XCTAssertEqual(finding["severity"] as? String, "low")
        XCTAssertTrue((finding["title"] as? String ?? "").contains("rate limited / unreachable"))
        XCTAssertEqual(audit.ids(above: "low"), [])
        XCTAssertNil(audit.finding("tls-version-insufficient"))
        // The dialog, the injection test (421, then served), one scan connection (421): no more.
        XCTAssertEqual(audit.services.first?["connections"] as? Int, 4)
        let log = (try? String(contentsOf: server.log, encoding: .utf8)) ?? ""
        XCTAssertEqual(log.components(separatedBy: "# connection ").count - 1, 4, log)
    }

    /// Issue 14 item 5: the expiring, chainless and other-key Postfix ports (PORTS.md).
    func testCertificateFindingsOnTheWeakPostfixPorts() throws {
        let expiring = try audit(["smtp://localhost:\(TestServers.port("POSTFIX_EXPIRING_PORT"))"] + Self.cacert)
        let soon = try XCTUnwrap(expiring.finding("certificate-expires-soon"))
        XCTAssertEqual(soon["severity"] as? String, "medium")
        let days = Int(evidence(soon)["daysLeft"] ?? "") ?? -1
        XCTAssertTrue((6...11).contains(days), "\(days)")
        XCTAssertEqual(expiring.result.status, 1)

        let nochain = try audit(["smtp://localhost:\(TestServers.port("POSTFIX_NOCHAIN_PORT"))"] + Self.cacert)
        let untrusted = try XCTUnwrap(nochain.finding("certificate-not-trusted"))
        XCTAssertEqual(untrusted["resultType"] as? String, "certificate-not-trusted")
        XCTAssertEqual(evidence(untrusted)["chainLength"], "1", "the intermediate is missing")
        XCTAssertNotNil(nochain.finding("certificate-host-match"), "only the chain is wrong")
        XCTAssertEqual(nochain.result.status, 2)

        // The key and signature algorithm of the good certificate.
        let good = try audit(["smtp://localhost:\(TestServers.port("POSTFIX_SUBMISSION_PORT"))"] + Self.cacert)
        XCTAssertEqual(evidence(good.finding("certificate-key"))["algorithm"], "RSA")
        XCTAssertEqual(evidence(good.finding("certificate-key"))["bits"], "2048")
        XCTAssertNotNil(good.finding("signature-algorithm"))
        XCTAssertNotNil(good.finding("ocsp-staple-missing"))

        // An expired certificate (nginx's port: no mail dialog, the handshake is judged).
        let expired = try audit(
            ["smtps://localhost:\(TestServers.port("HTTPS_EXPIRED_PORT"))", "--response-timeout", "1"] + Self.cacert)
        XCTAssertEqual(expired.finding("certificate-expired")?["severity"] as? String, "critical")
        XCTAssertEqual(expired.finding("certificate-expired")?["resultType"] as? String, "certificate-expired")
    }

    /// Issue 14 item 6: port 587 sent to the Postfix port whose certificate was renewed (another
    /// key) while 25 keeps the old one.
    func testARenewedCertificateOnOnePortOnly() throws {
        let map: [(Int, String)] = [(25, "POSTFIX_SUBMISSION_PORT"), (587, "POSTFIX_OTHERCERT_PORT")]
        let audit = try audit(
            ["smtp://localhost:25", "smtp://localhost:587"] + Self.cacert
                + map.flatMap { ["--connect-to", "localhost:\($0.0):127.0.0.1:\(TestServers.port($0.1))"] })
        XCTAssertEqual(audit.services.map { $0["outcome"] as? String }, ["audited", "audited"])
        // Each certificate is fine on its own: only the comparison finds it.
        XCTAssertEqual(audit.findings.filter { $0["id"] as? String == "certificate-trusted" }.count, 2)
        let differs = try XCTUnwrap(audit.finding("certificate-differs-across-ports", "localhost"))
        XCTAssertEqual(differs["severity"] as? String, "medium")
        XCTAssertNotEqual(evidence(differs)["port 25"], evidence(differs)["port 587"])
    }

    /// Dovecot reached at 127.0.0.2 (a remote client's view, PORTS.md): the strict port says
    /// LOGINDISABLED and offers no plaintext mechanism, the weak one offers both; each is
    /// scanned through its own STARTTLS go-ahead like any other.
    func testLOGINDISABLEDSeenFromAnotherAddressAndTheScanThroughIt() throws {
        func imap(_ name: String) throws -> Audit {
            let port = TestServers.port(name)
            return try audit(
                ["imap://localhost:\(port)", "--connect-to", "localhost:\(port):127.0.0.2:\(port)"] + Self.cacert)
        }
        let strict = try imap("DOVECOT_IMAP_STRICT_PORT")
        XCTAssertEqual(strict.services.first?["address"] as? String, "127.0.0.2")
        XCTAssertNotNil(strict.finding("no-auth-before-starttls"))
        XCTAssertEqual(strict.ids(above: "low"), [])
        XCTAssertEqual(strict.result.status, 0)
        let scan = try self.scan(strict)
        XCTAssertTrue(scan["stopped"] is NSNull)
        XCTAssertEqual(acceptedSuites(scan, "TLS1.3").count, 3)
        let weak = try imap("DOVECOT_IMAP_WEAK_PORT")
        let login = try XCTUnwrap(weak.finding("auth-before-starttls"))
        XCTAssertEqual(login["severity"] as? String, "medium")
        XCTAssertTrue(evidence(login)["offered"]?.contains("LOGIN (no LOGINDISABLED)") ?? false, "\(login)")
        XCTAssertEqual(weak.result.status, 1)
    }

    /// AuditEnvironment opens through ServerConnection: a server that accepts and never greets
    /// ends the probe at the connect timeout with a finding that says so.
    func testAServerThatNeverGreetsEndsWithinTheConnectTimeout() throws {
        let server = try ScriptedServer([.sleep(10)])
        let started = Date()
        let audit = try audit(["smtp://localhost:\(server.port)", "--connect-timeout", "1"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let finding = try XCTUnwrap(audit.finding("service-unreachable"))
        XCTAssertTrue((finding["title"] as? String ?? "").contains("No greeting"), "\(finding)")
        XCTAssertNil(audit.finding("tls-handshake-failed"))
        XCTAssertEqual(audit.result.status, 3, "a named service that could not be audited")
    }
}

/// A gnutls-serv of the test's own, on a free loopback port (the testservers' LD_PRELOAD
/// library keeps it off other interfaces), with the server certificate and a given priority.
struct WeakGnuTLSServer {
    let process: Process
    let port: Int

    static func start(priority: String) throws -> WeakGnuTLSServer {
        try TestServers.ensureRunning()
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gnutls-serv")
        process.arguments = [
            "--port", "\(port)", "--x509certfile", TestServers.certificate("server.pem"), "--x509keyfile",
            TestServers.certificate("server-key.pem"), "--priority", priority,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = TestServers.runDirectory.appendingPathComponent("gnutls/loopback-bind.so").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<250 {
            if canConnect(port) { return WeakGnuTLSServer(process: process, port: port) }
            usleep(20_000)
        }
        process.terminate()
        throw NSError(domain: "gnutls-serv did not listen on \(port)", code: 1)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw NSError(domain: "no free port", code: 1) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
