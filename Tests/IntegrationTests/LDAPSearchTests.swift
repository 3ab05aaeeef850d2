import Foundation
import XCTest

/// ldap-search against the real slapd of testservers/ (servers/slapd.sh), and scripted peers
/// for what slapd does not do (refuse StartTLS, send garbage).
final class LDAPSearchTests: XCTestCase {
    private var ldaps: String { "ldaps://localhost:\(TestServers.port("SLAPD_LDAPS_PORT"))" }
    private var ldap: String { "ldap://localhost:\(TestServers.port("SLAPD_LDAP_PORT"))" }
    private let people = "ou=people,dc=mailtls,dc=test"
    private let admin = "cn=admin,dc=mailtls,dc=test:secret"

    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func search(_ args: [String], _ url: String, ca: Bool = true) -> ToolProcess.Result {
        ToolProcess.tool("ldap-search", (ca ? ["--cacert", TestServers.caFile] : []) + args + [url], timeout: 60)
    }

    private func dns(_ output: String) -> [String] {
        output.split(separator: "\n").filter { $0.hasPrefix("DN: ") }.map { String($0.dropFirst(4)) }
    }

    func testAnonymousSearchOverLDAPSInCurlsLayout() {
        let r = search([], "\(ldaps)/\(people)??sub?(uid=*)")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(dns(r.stdout).sorted(), ["alice", "bob", "carol"].map { "uid=\($0),\(people)" })
        XCTAssertTrue(r.stdout.contains("DN: uid=alice,\(people)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\tmail: alice@mailtls.test\n"), r.stdout)
        XCTAssertTrue(
            r.stdout.contains(
                "\tjpegPhoto:: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==\n"
            ), r.stdout)
        XCTAssertTrue(r.stdout.contains("\tuserCertificate;binary:: MII"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\tdescription:: IGxlYWRpbmcgYmxhbms=\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\tcn:: Q2Fyb2wgTcO8bGxlcg==\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("userPassword"), "anonymous users do not see passwords")
        XCTAssertTrue(r.stdout.hasSuffix("\n\n"), "a blank line after each entry")
        XCTAssertEqual(r.stdout.components(separatedBy: "\n\n").count - 1, 3)
    }

    func testEachScopeAndAttributeSelection() {
        XCTAssertEqual(dns(search([], "\(ldaps)/\(people)").stdout), [people], "base is the default")
        XCTAssertEqual(dns(search([], "\(ldaps)/\(people)??base").stdout), [people])
        XCTAssertEqual(dns(search([], "\(ldaps)/\(people)??one").stdout).count, 3)
        XCTAssertEqual(dns(search([], "\(ldaps)/\(people)??sub").stdout).count, 4)
        let mailOnly = search([], "\(ldaps)/uid=bob,\(people)?mail,sn")
        XCTAssertEqual(mailOnly.stdout, "DN: uid=bob,\(people)\n\tsn: Builder\n\tmail: bob@mailtls.test\n\n")
    }

    func testFilters() {
        let table: [(String, Int)] = [
            ("(uid=alice)", 1), ("(uid=a*)", 1), ("(cn=*Build*)", 1), ("(!(uid=alice))", 2),
            ("(&(objectClass=inetOrgPerson)(|(uid=alice)(uid=bob)))", 2), ("(mail=*)", 3),
            ("(employeeNumber=42)", 1), ("(uid~=alice)", 1), ("(uid=\\2a)", 0), ("uid=carol", 1),
            ("(cn=Carol%20M%C3%BCller)", 1),
        ]
        for (filter, count) in table {
            let r = search([], "\(ldaps)/\(people)??one?\(filter)")
            XCTAssertEqual(r.status, 0, "\(filter): \(r.stderr)")
            XCTAssertEqual(dns(r.stdout).count, count, filter)
        }
        XCTAssertEqual(search([], "\(ldaps)/\(people)??one?(uid=alice").status, 3)
        XCTAssertEqual(search([], "\(ldaps)/\(people)??nowhere").status, 3)
    }

    func testStartTLSAndBinds() {
        let r = search(["-v", "--ssl-reqd", "-u", admin], "\(ldap)/uid=alice,\(people)?userPassword")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("ExtendedRequest StartTLS"), r.stderr)
        XCTAssertTrue(r.stderr.contains("password=<redacted>"), r.stderr)
        XCTAssertFalse(r.stderr.contains("secret"), "the password never reaches the trace")
        XCTAssertTrue(r.stdout.contains("\tuserPassword: alicepass\n"), r.stdout)
        let anonymous = search([], "\(ldap)/\(people)??one")
        XCTAssertEqual(anonymous.status, 0, anonymous.stderr)
        XCTAssertEqual(dns(anonymous.stdout).count, 3)
        let user = search(["-u", "uid=bob,\(people):bobpass"], "\(ldaps)/uid=bob,\(people)?userPassword")
        XCTAssertEqual(user.stdout, "DN: uid=bob,\(people)\n\tuserPassword: bobpass\n\n", user.stderr)
        XCTAssertEqual(search(["--no-ssl", "-u", admin], "\(ldap)/\(people)").status, 0, "plaintext when asked")
    }

    func testBindAndSearchFailuresUseCurlsCodes() {
        XCTAssertEqual(search(["-u", "uid=bob,\(people):wrong"], "\(ldaps)/\(people)").status, 67)
        XCTAssertEqual(
            search(["--ssl-reqd", "-u", "cn=admin,dc=mailtls,dc=test:wrong"], "\(ldap)/\(people)").status, 67)
        XCTAssertEqual(search([], "\(ldaps)/ou=nothing,dc=mailtls,dc=test").status, 78)
        let referral = search([], "\(ldaps)/ou=elsewhere,dc=mailtls,dc=test")
        XCTAssertEqual(referral.status, 39, referral.stderr)
        XCTAssertTrue(referral.stderr.contains("ldap://ldap.elsewhere.test/"), referral.stderr)
        let continuation = search([], "\(ldaps)/dc=mailtls,dc=test??one?(ou=*)")
        XCTAssertEqual(continuation.status, 0, continuation.stderr)
        XCTAssertTrue(
            continuation.stderr.contains("continuation reference (not followed): ldap://ldap.elsewhere.test/"))
    }

    func testTLSFailuresUseCurlsCodes() throws {
        XCTAssertEqual(search([], "\(ldaps)/\(people)", ca: false).status, 60)
        XCTAssertEqual(search(["--ssl-reqd"], "\(ldap)/\(people)", ca: false).status, 60)
        let other = try String(contentsOfFile: TestServers.certificate("expired.pin"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(search(["--pinnedpubkey", other], "\(ldaps)/\(people)").status, 90)
        let good = try String(contentsOfFile: TestServers.certificate("server.pin"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(search(["--pinnedpubkey", good], "\(ldaps)/\(people)").status, 0)
    }

    func testSASLExternalWithAClientCertificate() {
        let cert = [
            "--cert", TestServers.certificate("client.pem"), "--key", TestServers.certificate("client-key.pem"),
        ]
        let r = search(cert + ["-v", "--login-options", "AUTH=EXTERNAL"], "\(ldaps)/uid=alice,\(people)?userPassword")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("BindRequest SASL EXTERNAL"), r.stderr)
        XCTAssertEqual(r.stdout, "DN: uid=alice,\(people)\n\tuserPassword: alicepass\n\n")
        let starttls = search(cert + ["--ssl-reqd", "--login-options", "AUTH=EXTERNAL"], "\(ldap)/\(people)")
        XCTAssertEqual(starttls.status, 0, starttls.stderr)
        let without = search(["--login-options", "AUTH=EXTERNAL"], "\(ldaps)/\(people)")
        XCTAssertEqual(without.status, 38, without.stderr)
    }

    func testPagedResults() {
        let r = search(["--page-size", "1", "-v"], "\(ldaps)/\(people)??sub")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(dns(r.stdout).count, 4)
        XCTAssertGreaterThanOrEqual(r.stderr.components(separatedBy: "> [").count - 1, 4, "one request per page")
    }

    // MARK: scripted peers

    /// ExtendedResponse protocolError to the StartTLS request (message 1).
    private static let refusal: [UInt8] = [
        0x30, 0x0C, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0A, 0x01, 0x02, 0x04, 0x00, 0x04, 0x00,
    ]

    func testRefusedStartTLS() throws {
        let required = try ScriptedServer([.sleep(0.3), .send(Self.refusal), .sleep(2), .close])
        XCTAssertEqual(search(["--ssl-reqd"], "ldap://127.0.0.1:\(required.port)/dc=x").status, 64)
        let credentials = try ScriptedServer([.sleep(0.3), .send(Self.refusal), .sleep(2), .close])
        let r = search(["-u", "cn=a:topsecret"], "ldap://127.0.0.1:\(credentials.port)/dc=x")
        XCTAssertEqual(r.status, 64, "no plaintext credentials without --no-ssl: \(r.stderr)")
        XCTAssertFalse(credentials.receivedText.contains("topsecret"))
    }

    /// A DN with an empty password is an unauthenticated bind (RFC 4513 section 5.1.2): servers
    /// that allow it answer success and leave the session anonymous, so the user would believe
    /// they logged in. It is refused before connecting (67), as RFC 4513 section 6.3.1 asks.
    func testAnEmptyPasswordIsNotSentAsALogin() throws {
        let bound: [UInt8] = [0x30, 0x0C, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00]
        let done: [UInt8] = [0x30, 0x0C, 0x02, 0x01, 0x02, 0x65, 0x07, 0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00]
        let lenient = try ScriptedServer([.sleep(0.3), .send(bound), .sleep(0.3), .send(done), .sleep(1), .close])
        let r = search(["--no-ssl", "-u", "cn=admin,dc=x:"], "ldap://127.0.0.1:\(lenient.port)/dc=x")
        XCTAssertEqual(r.status, 67, r.stderr)
        XCTAssertTrue(r.stderr.contains("empty password"), r.stderr)
        XCTAssertEqual(lenient.receivedText, "", "nothing is sent")
        XCTAssertEqual(search(["-u", "cn=admin,dc=mailtls,dc=test:"], "\(ldaps)/\(people)").status, 67)
        XCTAssertEqual(search(["-u", ":"], "\(ldaps)/\(people)").status, 0, "an empty DN and password is anonymous")
    }

    func testMalformedResponse() throws {
        let server = try ScriptedServer([.sleep(0.3), .send([0x30, 0x03, 0x02, 0x01, 0x01]), .sleep(2), .close])
        let r = search([], "ldap://127.0.0.1:\(server.port)/dc=x")
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.contains("Malformed LDAP message"), r.stderr)
    }
}
