import Foundation
import XCTest

/// Public-key pinning, OCSP stapling, client certificates and TLS-SRP, through http-get against
/// the real nginx and gnutls-serv instances of testservers/.
final class HTTPGetTLSIdentityTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func url(_ port: String, _ path: String = "/hello.txt", host: String = "localhost") -> String {
        "https://\(host):\(TestServers.port(port))\(path)"
    }

    private func get(_ args: [String], stdin: Data? = nil) -> ToolProcess.Result {
        ToolProcess.tool("http-get", ["--cacert", TestServers.caFile] + args, stdin: stdin)
    }

    private func cert(_ name: String) -> String { TestServers.certificate(name) }

    private func pin(_ name: String) throws -> String {
        try String(contentsOfFile: cert(name), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: --pinnedpubkey

    func testPinnedPublicKey() throws {
        let good = try pin("server.pin"), other = try pin("expired.pin")
        XCTAssertEqual(get(["--pinnedpubkey", good, url("HTTPS_PORT")]).status, 0)
        XCTAssertEqual(get(["--pinnedpubkey", "\(other);\(good)", url("HTTPS_PORT")]).status, 0, "a pin list")
        XCTAssertEqual(get(["--pinnedpubkey", cert("server-pubkey.pem"), url("HTTPS_PORT")]).status, 0, "a pin file")
        let wrong = get(["--pinnedpubkey", other, url("HTTPS_PORT")])
        XCTAssertEqual(wrong.status, 90, wrong.stderr)
        XCTAssertEqual(wrong.stdout, "")
        let insecure = get(["-k", "--pinnedpubkey", other, url("HTTPS_WRONGHOST_PORT")])
        XCTAssertEqual(insecure.status, 90, "checked even with -k: \(insecure.stderr)")
        XCTAssertEqual(get(["-k", "--pinnedpubkey", try pin("wronghost.pin"), url("HTTPS_WRONGHOST_PORT")]).status, 0)
        XCTAssertEqual(get(["--pinnedpubkey", "/nonexistent.pem", url("HTTPS_PORT")]).status, 90)
        let verbose = get(["-v", "--pinnedpubkey", good, url("HTTPS_PORT")])
        XCTAssertTrue(verbose.stderr.contains("*   public key hash: \(good)"), verbose.stderr)
    }

    // MARK: --cert-status

    func testCertStatusWithAGoodStaple() {
        let r = get(["-v", "--cert-status", url("GNUTLS_OCSP_GOOD_PORT", "/")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("*   server certificate status verification OK"), r.stderr)
    }

    func testCertStatusRefusesMissingAndRevokedStaples() {
        let missing = get(["--cert-status", url("GNUTLS_NOSTAPLE_PORT", "/")])
        XCTAssertEqual(missing.status, 91, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("no OCSP response"), missing.stderr)
        let revoked = get(["--cert-status", url("GNUTLS_OCSP_REVOKED_PORT", "/")])
        XCTAssertEqual(revoked.status, 91, revoked.stderr)
        XCTAssertTrue(revoked.stderr.contains("revoked"), revoked.stderr)
        let insecure = get(["-k", "--cert-status", url("GNUTLS_OCSP_REVOKED_PORT", "/")])
        XCTAssertEqual(insecure.status, 91, "-k does not accept a revoked staple: \(insecure.stderr)")
        XCTAssertEqual(get(["-k", "--cert-status", url("GNUTLS_OCSP_GOOD_PORT", "/")]).status, 0)
    }

    func testARevokedStapleIsNeverAccepted() {
        let r = get([url("GNUTLS_OCSP_REVOKED_PORT", "/")])
        XCTAssertEqual(r.status, 60, r.stderr)
        XCTAssertTrue(r.stderr.contains("revoked"), r.stderr)
        XCTAssertEqual(get([url("GNUTLS_OCSP_GOOD_PORT", "/")]).status, 0, "a good staple without --cert-status")
        XCTAssertEqual(get([url("GNUTLS_NOSTAPLE_PORT", "/")]).status, 0, "no staple without --cert-status")
    }

    func testCertStatusUnknown() throws {
        guard TestServers.ports["GNUTLS_OCSP_UNKNOWN_PORT"] != nil else { throw XCTSkip("no OCSP-unknown server") }
        let r = get(["--cert-status", url("GNUTLS_OCSP_UNKNOWN_PORT", "/")])
        XCTAssertEqual(r.status, 91, r.stderr)
    }

    // MARK: client certificates

    private var whoami: String { url("HTTPS_CLIENTCERT_PORT", "/whoami") }

    private func assertAccepted(_ args: [String], file: StaticString = #filePath, line: UInt = #line) {
        let r = get(args + ["-f", whoami])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stdout.contains("SUCCESS"), r.stdout, file: file, line: line)
    }

    func testClientCertificateForms() {
        assertAccepted(["--cert", cert("client.pem"), "--key", cert("client-key.pem")])
        assertAccepted(["--cert", cert("client-combined.pem")])
        assertAccepted(["-E", cert("client.pem") + ":clientpass", "--key", cert("client-key-pkcs8-enc.pem")])
        assertAccepted([
            "--cert", cert("client.pem"), "--key", cert("client-key-pkcs8-enc.pem"), "--pass", "clientpass",
        ])
        assertAccepted([
            "--cert", cert("client.pem"), "--key", cert("client-key-legacy-enc.pem"), "--pass", "clientpass",
        ])
        assertAccepted(["--cert", cert("client.p12") + ":clientpass", "--cert-type", "P12"])
        assertAccepted([
            "--cert", cert("client.der"), "--cert-type", "DER", "--key", cert("client-key.der"), "--key-type", "DER",
        ])
    }

    /// An encrypted key without a password is asked for on the terminal, without echo.
    func testEncryptedKeyPasswordIsPromptedOnATerminal() throws {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b""
            while b"pass phrase" not in out:
                out += os.read(fd, 1024)
            os.write(fd, b"clientpass\\n")
            while True:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode(errors="replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let tool = ToolProcess.productsDirectory.appendingPathComponent("http-get").path
        let r = ToolProcess.run(
            "/usr/bin/env",
            [
                "python3", "-c", script, tool, "--cacert", TestServers.caFile,
                "--cert", cert("client.pem"), "--key", cert("client-key-pkcs8-enc.pem"), whoami,
            ],
            environment: ToolProcess.cleanEnvironment(), timeout: 30)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("Enter PEM pass phrase"), r.stdout)
        XCTAssertFalse(r.stdout.contains("clientpass"), "the password was echoed")
        XCTAssertTrue(r.stdout.contains("SUCCESS"), r.stdout)
    }

    func testServerWithoutClientCertificateRefuses() {
        XCTAssertEqual(get(["-f", whoami]).status, 22, "nginx answers 400 without a certificate")
    }

    func testClientCertificateProblemsExit58() {
        let table: [([String], String)] = [
            (["--cert", "/nonexistent/client.pem"], "/nonexistent/client.pem"),
            (["--cert", cert("client.pem"), "--key", cert("client-key-pkcs8-enc.pem"), "--pass", "wrong"], "password"),
            (
                ["--cert", cert("client.pem"), "--key", cert("client-key-legacy-enc.pem"), "--pass", "wrong"],
                "password"
            ),
            (["--cert", cert("client.p12") + ":wrong", "--cert-type", "P12"], "password"),
            (["--cert", cert("client.pem"), "--key", cert("other-key.pem")], "does not match"),
            // No password and no terminal to ask on (the test has none).
            (["--cert", cert("client.pem"), "--key", cert("client-key-pkcs8-enc.pem")], "no password"),
            (["--cert", cert("ca.pem"), "--key", "/nonexistent-key.pem"], "/nonexistent-key.pem"),
        ]
        for (args, fragment) in table {
            let r = get(args + [whoami])
            XCTAssertEqual(r.status, 58, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(fragment), "\(args): \(r.stderr)")
        }
    }

    func testGnuTLSServerThatRequiresAClientCertificate() {
        let ok = get([
            "--cert", cert("client.pem"), "--key", cert("client-key.pem"), url("GNUTLS_CLIENTCERT_PORT", "/"),
        ])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        for version in ["1.2", "1.3"] {
            let none = get(["--tls-max", version, url("GNUTLS_CLIENTCERT_PORT", "/")])
            XCTAssertEqual(none.status, 35, "TLS \(version): \(none.stderr)")
            XCTAssertTrue(none.stderr.contains("client certificate"), "TLS \(version): \(none.stderr)")
            // A certificate from a CA the server does not trust: refused, and the message says so,
            // also when TLS 1.3 lets the handshake finish first.
            let refused = get([
                "--tls-max", version, "--cert", cert("client-unknownca.pem"), "--key", cert("client-unknownca-key.pem"),
                url("GNUTLS_CLIENTCERT_PORT", "/"),
            ])
            XCTAssertEqual(refused.status, 35, "TLS \(version): \(refused.stderr)")
            XCTAssertTrue(
                refused.stderr.contains("refused the client certificate"), "TLS \(version): \(refused.stderr)")
        }
    }

    // MARK: TLS-SRP

    func testSRPWithTheRightPassword() {
        let r = get(["-v", "--tlsuser", "srpuser", "--tlspassword", "srppass", url("GNUTLS_SRP_PORT", "/")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("* SSL connection using TLS1.2 / TLS_SRP"), r.stderr)
    }

    func testSRPWithAWrongPasswordNeverFallsBack() {
        let r = get(["--tlsuser", "srpuser", "--tlspassword", "wrong", url("GNUTLS_SRP_PORT", "/")])
        XCTAssertEqual(r.status, 35, r.stderr)
        XCTAssertEqual(
            get(["--tlsauthtype", "SRP", "--tlsuser", "nobody", "--tlspassword", "x", url("GNUTLS_SRP_PORT", "/")])
                .status, 35)
        // The same server also completes a certificate handshake: without SRP options it connects.
        XCTAssertEqual(get([url("GNUTLS_SRP_PORT", "/")]).status, 0)
    }

    func testSRPIsTLS12Only() {
        let r = get(["--tlsv1.3", "--tlsuser", "srpuser", "--tlspassword", "srppass", url("GNUTLS_SRP_PORT", "/")])
        XCTAssertEqual(r.status, 35, r.stderr)
        XCTAssertTrue(r.stderr.contains("TLS 1.2"), r.stderr)
    }
}
