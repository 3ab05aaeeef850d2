import Foundation
import XCTest

/// Issue 10: Cyrus IMAP 3.6 offers SCRAM-SHA-256-PLUS but binds `tls-unique` only, also under
/// TLS 1.3 (where GnuTLS gives `tls-exporter`). The default login must work over TLS 1.3 and
/// 1.2, a wrong password must cost exactly one attempt, and `AUTH=SCRAM-SHA-256-PLUS` still
/// forces the bound mechanism, with a refusal that names the binding type.
final class CyrusChannelBindingTests: XCTestCase {
    private let message = "Hello from the Cyrus SCRAM server."

    private func imapFetch(
        _ server: CyrusSCRAMServer, _ extra: [String], password: String = CyrusSCRAMServer.password,
        url: String? = nil
    ) -> ToolProcess.Result {
        ToolProcess.tool(
            "imap-fetch",
            ["-m", "20", "--cacert", TestServers.caFile, "-u", "\(CyrusSCRAMServer.user):\(password)"]
                + extra + [url ?? "imaps://127.0.0.1:\(server.port)/INBOX/;UID=1"], timeout: 30)
    }

    private func pop3Retrieve(
        _ server: CyrusSCRAMServer, _ extra: [String],
        password: String = CyrusSCRAMServer.password
    ) -> ToolProcess.Result {
        ToolProcess.tool(
            "pop3-retrieve",
            ["-m", "20", "--cacert", TestServers.caFile, "-u", "\(CyrusSCRAMServer.user):\(password)"]
                + extra + ["pop3s://127.0.0.1:\(server.port)/1"], timeout: 30)
    }

    // MARK: The default

    func testIMAPDefaultLoginOverTLS13UsesUnboundSCRAM() throws {
        let server = try CyrusSCRAMServer("imap")
        let r = imapFetch(server, [])
        XCTAssertEqual(r.status, 0, r.stderr + server.log)
        XCTAssertTrue(r.stdout.contains(message), r.stdout)
        XCTAssertEqual(server.attempts, ["SCRAM-SHA-256"], server.log)
        XCTAssertEqual(server.gs2Flags, ["n"], "an unbound SCRAM says it does not bind (never y)\n" + server.log)
    }

    func testIMAPDefaultLoginOverTLS12BindsWithTLSUnique() throws {
        let server = try CyrusSCRAMServer("imap")
        let r = imapFetch(server, ["--tls-max", "1.2"])
        XCTAssertEqual(r.status, 0, r.stderr + server.log)
        XCTAssertTrue(r.stdout.contains(message), r.stdout)
        XCTAssertEqual(server.attempts, ["SCRAM-SHA-256-PLUS"], server.log)
        XCTAssertEqual(server.gs2Flags, ["p=tls-unique"], server.log)
    }

    func testPOP3DefaultLoginOverTLS13AndTLS12() throws {
        let server = try CyrusSCRAMServer("pop3")
        let tls13 = pop3Retrieve(server, [])
        XCTAssertEqual(tls13.status, 0, tls13.stderr + server.log)
        XCTAssertTrue(tls13.stdout.contains(message), tls13.stdout)
        let tls12 = pop3Retrieve(server, ["--tls-max", "1.2"])
        XCTAssertEqual(tls12.status, 0, tls12.stderr + server.log)
        XCTAssertTrue(tls12.stdout.contains(message), tls12.stdout)
        XCTAssertEqual(server.attempts, ["SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"], server.log)
        XCTAssertEqual(server.gs2Flags, ["n", "p=tls-unique"], server.log)
    }

    // MARK: A wrong password: one attempt, no fallback

    func testWrongPasswordIsOneAttemptOverTLS13AndTLS12() throws {
        for tls in [[], ["--tls-max", "1.2"]] {
            let imap = try CyrusSCRAMServer("imap")
            let r = imapFetch(imap, tls, password: "wrong-pass")
            XCTAssertEqual(r.status, 67, "\(tls) " + r.stderr + imap.log)
            XCTAssertEqual(imap.attempts.count, 1, "\(tls) " + imap.log)
            let pop3 = try CyrusSCRAMServer("pop3")
            let p = pop3Retrieve(pop3, tls, password: "wrong-pass")
            XCTAssertEqual(p.status, 67, "\(tls) " + p.stderr + pop3.log)
            XCTAssertEqual(pop3.attempts.count, 1, "\(tls) " + pop3.log)
        }
    }

    // MARK: Forcing -PLUS

    func testForcedPlusOverTLS13IsRefusedWithTheBindingTypeNamed() throws {
        let server = try CyrusSCRAMServer("imap")
        let options = imapFetch(server, ["--login-options", "AUTH=SCRAM-SHA-256-PLUS"])
        let url = imapFetch(
            server, [],
            url: "imaps://\(CyrusSCRAMServer.user);AUTH=SCRAM-SHA-256-PLUS@127.0.0.1:\(server.port)/INBOX/;UID=1")
        for r in [options, url] {
            XCTAssertEqual(r.status, 67, r.stderr + server.log)
            XCTAssertTrue(r.stderr.contains("NO bad protocol / cancel"), r.stderr)
            XCTAssertTrue(
                r.stderr.contains("channel-binding type tls-exporter, which the server may not support"), r.stderr)
            XCTAssertEqual(r.stdout, "")
        }
        XCTAssertEqual(
            server.attempts, ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256-PLUS"], "one attempt per run\n" + server.log)
        XCTAssertEqual(server.gs2Flags, ["p=tls-exporter", "p=tls-exporter"], server.log)

        let pop3 = try CyrusSCRAMServer("pop3")
        let p = pop3Retrieve(pop3, ["--login-options", "AUTH=SCRAM-SHA-256-PLUS"])
        XCTAssertEqual(p.status, 67, p.stderr + pop3.log)
        XCTAssertTrue(
            p.stderr.contains("channel-binding type tls-exporter, which the server may not support"), p.stderr)
        XCTAssertEqual(pop3.attempts, ["SCRAM-SHA-256-PLUS"], pop3.log)
    }

    func testForcedPlusOverTLS12Succeeds() throws {
        let server = try CyrusSCRAMServer("imap")
        let r = imapFetch(server, ["--tls-max", "1.2", "--login-options", "AUTH=SCRAM-SHA-256-PLUS"])
        XCTAssertEqual(r.status, 0, r.stderr + server.log)
        XCTAssertTrue(r.stdout.contains(message), r.stdout)
        let pop3 = try CyrusSCRAMServer("pop3")
        let p = pop3Retrieve(pop3, ["--tls-max", "1.2", "--login-options", "AUTH=SCRAM-SHA-256-PLUS"])
        XCTAssertEqual(p.status, 0, p.stderr + pop3.log)
        XCTAssertEqual(server.gs2Flags + pop3.gs2Flags, ["p=tls-unique", "p=tls-unique"], server.log + pop3.log)
    }
}
