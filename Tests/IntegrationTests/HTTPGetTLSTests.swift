import XCTest

/// http-get against the real nginx of testservers/: certificate verification, versions, ciphers.
final class HTTPGetTLSTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func url(_ port: String, _ path: String = "/hello.txt", host: String = "localhost") -> String {
        "https://\(host):\(TestServers.port(port))\(path)"
    }

    private func get(_ args: [String], env: [String: String] = ToolProcess.cleanEnvironment()) -> ToolProcess.Result {
        ToolProcess.tool("http-get", args, environment: env)
    }

    func testVerifiedFetchPrintsBody() {
        let r = get(["--cacert", TestServers.caFile, url("HTTPS_PORT")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "hello from mailtls testservers\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testIPAddressesAreMatchedAgainstIPSubjectAltNames() {
        XCTAssertEqual(get(["--cacert", TestServers.caFile, url("HTTPS_PORT", host: "127.0.0.1")]).status, 0)
    }

    /// Each bad certificate gives curl's verdict with --cacert (60, with its reason), and 0 with -k.
    func testEachBadCertificateIsRefusedWithItsReason() {
        let table: [(String, String)] = [
            ("HTTPS_EXPIRED_PORT", "certificate has expired"),
            ("HTTPS_NOTYET_PORT", "certificate is not yet activated"),
            ("HTTPS_WRONGHOST_PORT", "certificate does not match the host name"),
            ("HTTPS_SELFSIGNED_PORT", "certificate issuer is not trusted"),
            ("HTTPS_UNKNOWNCA_PORT", "certificate issuer is not trusted"),
        ]
        for (port, reason) in table {
            let refused = get(["--cacert", TestServers.caFile, url(port)])
            XCTAssertEqual(refused.status, 60, "\(port): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.hasPrefix("http-get: (60) SSL certificate problem: "), refused.stderr)
            XCTAssertTrue(refused.stderr.contains(reason), "\(port): \(refused.stderr)")
            XCTAssertEqual(refused.stdout, "", "nothing is fetched from an unverified server")
            let insecure = get(["-k", "--cacert", TestServers.caFile, url(port)])
            XCTAssertEqual(insecure.status, 0, "\(port) with -k: \(insecure.stderr)")
            XCTAssertEqual(insecure.stdout, "hello from mailtls testservers\n")
        }
    }

    /// The same verdict as curl on every port, with and without the CRL.
    func testVerdictsMatchCurl() throws {
        let curl = ToolProcess.run("/usr/bin/env", ["curl", "--version"])
        guard curl.status == 0 else { throw XCTSkip("curl is not installed") }
        let ports = [
            "HTTPS_PORT", "HTTPS_EXPIRED_PORT", "HTTPS_NOTYET_PORT", "HTTPS_WRONGHOST_PORT", "HTTPS_SELFSIGNED_PORT",
            "HTTPS_UNKNOWNCA_PORT", "HTTPS_REVOKED_PORT", "HTTPS_TLS12_PORT", "HTTPS_TLS13_PORT",
        ]
        for port in ports {
            for extra in [[], ["--crlfile", TestServers.certificate("crl.pem")], ["-k"]] {
                let args = ["-s", "-o", "/dev/null", "--cacert", TestServers.caFile] + extra + [url(port)]
                let theirs = ToolProcess.run(
                    "/usr/bin/env", ["curl"] + args, environment: ToolProcess.cleanEnvironment())
                let ours = get(args)
                XCTAssertEqual(ours.status, theirs.status, "\(port) \(extra): curl says \(theirs.status)")
            }
        }
    }

    func testRevokedCertificateNeedsTheCRL() {
        XCTAssertEqual(
            get(["--cacert", TestServers.caFile, url("HTTPS_REVOKED_PORT")]).status, 0,
            "without a CRL nothing says it is revoked (curl gives 0 too)")
        let r = get([
            "--cacert", TestServers.caFile, "--crlfile", TestServers.certificate("crl.pem"), url("HTTPS_REVOKED_PORT"),
        ])
        XCTAssertEqual(r.status, 60, r.stderr)
        XCTAssertTrue(r.stderr.contains("certificate is revoked"), r.stderr)
        XCTAssertEqual(
            get(["--cacert", TestServers.caFile, "--crlfile", TestServers.certificate("crl.pem"), url("HTTPS_PORT")])
                .status, 0)
    }

    func testDefaultTrustIsTheSystemStoreWhichDoesNotKnowTheTestCA() {
        let r = get([url("HTTPS_PORT")])
        XCTAssertEqual(r.status, 60, r.stderr)
        XCTAssertTrue(r.stderr.contains("issuer is not trusted"), r.stderr)
    }

    func testCAFromEnvironmentAndCAPath() throws {
        XCTAssertEqual(
            get([url("HTTPS_PORT")], env: ToolProcess.cleanEnvironment(["CURL_CA_BUNDLE": TestServers.caFile])).status,
            0)
        XCTAssertEqual(
            get([url("HTTPS_PORT")], env: ToolProcess.cleanEnvironment(["SSL_CERT_FILE": TestServers.caFile])).status, 0
        )
        // --cacert wins over the environment, as in curl.
        let bogus = ToolProcess.cleanEnvironment(["CURL_CA_BUNDLE": "/nonexistent.pem"])
        XCTAssertEqual(get(["--cacert", TestServers.caFile, url("HTTPS_PORT")], env: bogus).status, 0)
        XCTAssertEqual(get([url("HTTPS_PORT")], env: bogus).status, 77)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-capath-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: TestServers.caFile, toPath: dir.appendingPathComponent("ca.pem").path)
        XCTAssertEqual(get(["--capath", dir.path, url("HTTPS_PORT")]).status, 0)
        XCTAssertEqual(
            get([url("HTTPS_PORT")], env: ToolProcess.cleanEnvironment(["SSL_CERT_DIR": dir.path])).status, 0)
    }

    func testUnreadableTrustFilesHaveTheirOwnCodes() {
        let ca = get(["--cacert", "/nonexistent/ca.pem", url("HTTPS_PORT")])
        XCTAssertEqual(ca.status, 77, ca.stderr)
        XCTAssertTrue(ca.stderr.contains("/nonexistent/ca.pem"), ca.stderr)
        XCTAssertEqual(get(["--cacert", "/etc/hostname", url("HTTPS_PORT")]).status, 77, "a file with no certificate")
        XCTAssertEqual(get(["--capath", "/nonexistent-dir", url("HTTPS_PORT")]).status, 77)
        let crl = get(["--cacert", TestServers.caFile, "--crlfile", "/nonexistent/crl.pem", url("HTTPS_PORT")])
        XCTAssertEqual(crl.status, 82, crl.stderr)
    }

    func testVersionWindows() {
        let ca = ["--cacert", TestServers.caFile]
        XCTAssertEqual(get(ca + ["--tlsv1.3", url("HTTPS_TLS12_PORT")]).status, 35)
        XCTAssertEqual(get(ca + ["--tls-max", "1.2", url("HTTPS_TLS13_PORT")]).status, 35)
        XCTAssertEqual(get(ca + ["--tlsv1.2", "--tls-max", "1.2", url("HTTPS_TLS12_PORT")]).status, 0)
        XCTAssertEqual(get(ca + ["--tlsv1.3", url("HTTPS_TLS13_PORT")]).status, 0)
        XCTAssertEqual(get(ca + ["--tlsv1", url("HTTPS_PORT")]).status, 0)
        let empty = get(ca + ["--tlsv1.3", "--tls-max", "1.2", url("HTTPS_PORT")])
        XCTAssertEqual(empty.status, 35, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("version window is empty"), empty.stderr)

        let v12 = get(ca + ["-v", "--tls-max", "1.2", url("HTTPS_PORT")])
        XCTAssertTrue(v12.stderr.contains("* SSL connection using TLS1.2 / "), v12.stderr)
        let v13 = get(ca + ["-v", url("HTTPS_PORT")])
        XCTAssertTrue(v13.stderr.contains("* SSL connection using TLS1.3 / "), v13.stderr)
    }

    func testSSLv2AndSSLv3AreNotBuiltIn() {
        for flag in ["--sslv3", "--sslv2", "-3"] {
            let r = get([flag, url("HTTPS_PORT")])
            XCTAssertEqual(r.status, 4, "\(flag): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("not supported by GnuTLS/"), r.stderr)
        }
    }

    func testCiphers() {
        let ca = ["--cacert", TestServers.caFile]
        let aes = get(
            ca + ["-v", "--tls-max", "1.2", "--ciphers", "NORMAL:-CIPHER-ALL:+AES-128-GCM", url("HTTPS_PORT")])
        XCTAssertEqual(aes.status, 0, aes.stderr)
        XCTAssertTrue(aes.stderr.contains("AES_128_GCM"), aes.stderr)
        let bad = get(ca + ["--ciphers", "NORMAL:+NO-SUCH-CIPHER", url("HTTPS_PORT")])
        XCTAssertEqual(bad.status, 59, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("NO-SUCH-CIPHER"), bad.stderr)
        // A valid string that leaves nothing in common with the server: the handshake fails.
        let none = get(ca + ["--tls-max", "1.2", "--ciphers", "NORMAL:-CIPHER-ALL:+NULL", url("HTTPS_TLS12_PORT")])
        XCTAssertEqual(none.status, 35, none.stderr)
    }

    func testVerboseShowsCurlsLayout() {
        let r = get(["-v", "--cacert", TestServers.caFile, url("HTTPS_PORT")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let port = TestServers.port("HTTPS_PORT")
        for expected in [
            "*   Trying 127.0.0.1:\(port)...",
            "* Connected to localhost (127.0.0.1) port \(port)",
            "*   CAfile: 1 certificates in \(TestServers.caFile)",
            "* GnuTLS priority: NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
            "* SSL connection using TLS1.3 / TLS_AES_",
            "*   server certificate verification OK",
            "*   common name: localhost (matched)",
            "*   server certificate expiration date OK",
            "*   server certificate activation date OK",
            "*   subject: CN=localhost",
            "*   expire date: ",
            "*   issuer: CN=mailtls Test CA",
            "> GET /hello.txt HTTP/1.1",
            "> Host: localhost:\(port)",
            "< HTTP/1.1 200 OK",
        ] {
            XCTAssertTrue(r.stderr.contains(expected), "missing \(expected) in\n\(r.stderr)")
        }
        XCTAssertEqual(r.stdout, "hello from mailtls testservers\n", "the trace goes to stderr only")
    }

    func testInsecureStillReportsTheCertificate() {
        let r = get(["-v", "-k", url("HTTPS_WRONGHOST_PORT")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("*   server certificate verification SKIPPED"), r.stderr)
        XCTAssertTrue(r.stderr.contains("*   common name: wrong.example (does not match 'localhost')"), r.stderr)
    }
}
