import Foundation
import GnuTLS
import TLS
import Transport
import XCTest

/// The TLS scan against the real servers of testservers/, each result checked against
/// `openssl s_client` (and `gnutls-cli` where OpenSSL cannot speak the version).
final class TLSScanServerTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func scan(_ connect: @escaping () throws -> Transport, budget: Int = 300) -> TLSScanResult {
        GnuTLSScanner().scan(
            serverName: "localhost", options: TLSScanOptions(connectionBudget: budget), connect: connect)
    }

    private func statuses(_ result: TLSScanResult) -> [TLSVersion: TLSProbeStatus] {
        Dictionary(uniqueKeysWithValues: result.versions.map { ($0.version, $0.status) })
    }

    /// Each version, each accepted suite and some refused ones, as OpenSSL sees them.
    private func assertAgreesWithOpenSSL(
        _ result: TLSScanResult, port: Int, startTLS: String?, refusedSamples: Int = 8,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        for entry in result.versions where entry.status != .notTested {
            let openssl = OpenSSLClient.handshake(port: port, startTLS: startTLS, version: entry.version)
            XCTAssertEqual(
                openssl != nil, entry.status == .accepted, "\(entry.version.displayName): \(entry)", file: file,
                line: line)
        }
        for scan in result.cipherSuites {
            for suite in scan.accepted where scan.version == .tls1_3 || OpenSSLClient.names[suite.ianaName] != nil {
                let name = scan.version == .tls1_3 ? suite.ianaName : OpenSSLClient.names[suite.ianaName]!
                XCTAssertEqual(
                    OpenSSLClient.handshake(
                        port: port, startTLS: startTLS, version: scan.version, suite: suite.ianaName),
                    name, "\(scan.version.displayName) \(suite.ianaName) accepted", file: file, line: line)
            }
            let refused = scan.refused.filter {
                scan.version == .tls1_3 ? $0.cipher != "AES-128-CCM-8" : OpenSSLClient.names[$0.ianaName] != nil
            }
            for suite in refused.prefix(refusedSamples) {
                XCTAssertNil(
                    OpenSSLClient.handshake(
                        port: port, startTLS: startTLS, version: scan.version, suite: suite.ianaName),
                    "\(scan.version.displayName) \(suite.ianaName) refused", file: file, line: line)
            }
        }
    }

    func testPostfixSubmissionOverSTARTTLS() throws {
        let port = TestServers.port("POSTFIX_SUBMISSION_PORT")
        let start = Date()
        let result = scan(ScanConnections.smtpStartTLS(port: port))
        try writeBenchmarkReport(result, seconds: Date().timeIntervalSince(start))
        XCTAssertNil(result.stopped, "\(String(describing: result.stopped))")
        XCTAssertEqual(
            statuses(result), [.tls1_3: .accepted, .tls1_2: .accepted, .tls1_1: .refused, .tls1_0: .refused])
        let tls13 = try XCTUnwrap(result.cipherSuites.first { $0.version == .tls1_3 })
        XCTAssertEqual(
            Set(tls13.accepted.map(\.ianaName)),
            ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"])
        let tls12 = try XCTUnwrap(result.cipherSuites.first { $0.version == .tls1_2 })
        XCTAssertTrue(tls12.isComplete)
        XCTAssertTrue(tls12.accepted.contains { $0.ianaName == "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" })
        XCTAssertFalse(tls12.accepted.contains { $0.keyExchange == "ECDHE-ECDSA" }, "an RSA certificate")
        XCTAssertEqual(tls12.serverOrder, .client, "Postfix's default: tls_preempt_cipherlist = no")
        XCTAssertTrue(result.groups.accepted.contains("X25519"), "\(result.groups)")
        XCTAssertEqual(result.secureRenegotiation, true)
        XCTAssertEqual(result.extendedMasterSecret, true)
        XCTAssertLessThanOrEqual(result.connectionsUsed, 2 * (tls12.accepted.count + tls13.accepted.count) + 30)
        assertAgreesWithOpenSSL(result, port: port, startTLS: "smtp")
    }

    /// bench/mail-tls-audit.py times the scan through this test: the result and its seconds go
    /// to $MAILTLS_SCAN_REPORT when set.
    private func writeBenchmarkReport(_ result: TLSScanResult, seconds: Double) throws {
        guard let path = ProcessInfo.processInfo.environment["MAILTLS_SCAN_REPORT"] else { return }
        struct Report: Encodable {
            let seconds: Double
            let result: TLSScanResult
        }
        try JSONEncoder().encode(Report(seconds: seconds, result: result)).write(to: URL(fileURLWithPath: path))
    }

    func testDovecotIMAPS() throws {
        let port = TestServers.port("DOVECOT_IMAPS_PORT")
        let result = scan(ScanConnections.implicitTLS(port: port))
        XCTAssertNil(result.stopped)
        XCTAssertEqual(statuses(result)[.tls1_3], .accepted)
        XCTAssertEqual(statuses(result)[.tls1_2], .accepted)
        assertAgreesWithOpenSSL(result, port: port, startTLS: nil)
    }

    func testTLS12OnlyAndTLS13OnlyPorts() throws {
        let tls12Port = TestServers.port("HTTPS_TLS12_PORT")
        let tls12 = scan(ScanConnections.implicitTLS(port: tls12Port))
        XCTAssertEqual(tls12.acceptedVersions, [.tls1_2])
        XCTAssertEqual(tls12.cipherSuites.map(\.version), [.tls1_2])
        XCTAssertEqual(tls12.groups.version, .tls1_2)
        assertAgreesWithOpenSSL(tls12, port: tls12Port, startTLS: nil)

        let tls13Port = TestServers.port("HTTPS_TLS13_PORT")
        let tls13 = scan(ScanConnections.implicitTLS(port: tls13Port))
        XCTAssertEqual(tls13.acceptedVersions, [.tls1_3])
        XCTAssertNil(tls13.secureRenegotiation, "no TLS 1.2 handshake")
        let suites = try XCTUnwrap(tls13.cipherSuites.first)
        XCTAssertEqual(suites.accepted.count + suites.refused.count, 5, "TLS 1.3 has five suites")
        assertAgreesWithOpenSSL(tls13, port: tls13Port, startTLS: nil)
    }

    /// gnutls-serv with Debian's NORMAL priority still accepts TLS 1.0 and 1.1; OpenSSL 3 cannot
    /// check them without its legacy security level, so gnutls-cli is the witness there.
    func testGnuTLSServAcceptsTLS10AndItIsGradedInsufficient() throws {
        let port = TestServers.port("GNUTLS_NOSTAPLE_PORT")
        let result = scan(ScanConnections.implicitTLS(port: port))
        XCTAssertEqual(result.acceptedVersions, [.tls1_3, .tls1_2, .tls1_1, .tls1_0])
        XCTAssertEqual(result.versions.map(\.grade), [.ok, .ok, .insufficient, .insufficient])
        for version in [TLSVersion.tls1_0, .tls1_1] {
            let cli = ToolProcess.run(
                "/usr/bin/gnutls-cli",
                [
                    "--port", "\(port)", "--insecure", "--priority", "NORMAL:-VERS-ALL:+VERS-TLS\(version.curlName)",
                    "localhost",
                ], timeout: 30)
            XCTAssertTrue(cli.stdout.contains("(TLS\(version.curlName)-"), cli.stdout + cli.stderr)
            let suites = try XCTUnwrap(result.cipherSuites.first { $0.version == version })
            XCTAssertFalse(suites.accepted.isEmpty)
            XCTAssertTrue(suites.accepted.allSatisfy { $0.mac == "SHA1" || $0.mac == "MD5" }, "\(suites.accepted)")
        }
        XCTAssertEqual(result.secureRenegotiation, true)
        XCTAssertEqual(result.extendedMasterSecret, true)
    }

    func testARefusedConnectionEndsTheScanAsUnreachable() {
        let result = scan(ScanConnections.implicitTLS(port: 1))
        XCTAssertEqual(result.stopped?.kind, .unreachableOrRateLimited)
        XCTAssertEqual(result.connectionsUsed, 1)
        XCTAssertEqual(result.versions.map(\.status), [.notTested, .notTested, .notTested, .notTested])
        XCTAssertEqual(result.cipherSuites, [])
    }

    /// A server that starts answering 421 mid-scan (rate limiting): the scan stops there and
    /// says so; what it had learned stays, nothing is reported "not supported".
    func testA421GreetingMidScanEndsItAsRateLimited() throws {
        let limiter = try ScriptedServer([
            .send(Array("421 4.7.0 mailtls.test Error: too many connections\r\n".utf8)), .close,
        ])
        let postfix = ScanConnections.smtpStartTLS(port: TestServers.port("POSTFIX_SUBMISSION_PORT"))
        let limited = ScanConnections.smtpStartTLS(port: limiter.port)
        var connections = 0
        let result = scan({
            connections += 1
            return try connections <= 2 ? postfix() : limited()
        })
        XCTAssertEqual(result.stopped?.kind, .unreachableOrRateLimited)
        XCTAssertTrue(result.stopped?.reason.hasPrefix("421 4.7.0") ?? false, "\(String(describing: result.stopped))")
        XCTAssertEqual(result.versions.map(\.status), [.accepted, .accepted, .notTested, .notTested])
        XCTAssertEqual(result.connectionsUsed, 3)
        XCTAssertEqual(connections, 3, "no connection after the 421")
        XCTAssertTrue(result.cipherSuites.allSatisfy { $0.accepted.isEmpty && !$0.isComplete })
    }

    func testTheBudgetIsRespected() throws {
        var connections = 0
        let connect = ScanConnections.smtpStartTLS(port: TestServers.port("POSTFIX_SUBMISSION_PORT"))
        let result = scan(
            {
                connections += 1
                return try connect()
            }, budget: 9)
        XCTAssertEqual(connections, 9)
        XCTAssertEqual(result.connectionsUsed, 9)
        XCTAssertEqual(result.probes.count, 9)
        XCTAssertEqual(result.stopped?.kind, .budgetExhausted)
    }

    /// The weak Postfix port (PORTS.md "Weak mail ports") accepts TLS 1.0 and 1.1.
    func testWeakPostfixAcceptsTLS10() throws {
        let port = TestServers.port("POSTFIX_WEAK_TLS10_PORT")
        let result = scan(ScanConnections.smtpStartTLS(port: port))
        XCTAssertNil(result.stopped, "\(String(describing: result.stopped))")
        XCTAssertEqual(result.acceptedVersions, [.tls1_3, .tls1_2, .tls1_1, .tls1_0])
        XCTAssertEqual(result.versions.filter { $0.grade == .insufficient }.map(\.status), [.accepted, .accepted])
        assertAgreesWithOpenSSL(result, port: port, startTLS: "smtp", refusedSamples: 4)
    }
}
