import XCTest

@testable import SASL

/// The mechanisms Cyrus runs, byte for byte where the bytes are fixed.
final class CyrusMechanismTests: XCTestCase {
    private func client(
        _ mechanism: SASLMechanism, _ credentials: SASLCredentials, host: String = "mail.example",
        service: SASLService = .smtp, tlsProtected: Bool = true
    ) throws -> SASLClient {
        try SASLClient(
            mechanism: mechanism, service: service, serverHost: host, credentials: credentials,
            tlsProtected: tlsProtected)
    }

    private func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    func testPlainInitialResponse() throws {
        let cases: [(SASLCredentials, String)] = [
            (SASLCredentials(user: "user", password: "pass"), "\0user\0pass"),
            (SASLCredentials(user: "user", password: "pass", authorizationID: "authz"), "authz\0user\0pass"),
            (SASLCredentials(user: "user", password: "pass", authorizationID: ""), "\0user\0pass"),
            (SASLCredentials(user: "user", password: ""), "\0user\0"),
            (SASLCredentials(user: "jörg", password: "pä ss"), "\0jörg\0pä ss"),
        ]
        for (credentials, expected) in cases {
            let client = try client(.plain, credentials)
            XCTAssertEqual(text(try client.start()), expected)
            XCTAssertTrue(client.isComplete)
            XCTAssertNoThrow(try client.finish())
        }
    }

    func testPlainInPlaintextIsTheProtocolLayersDecision() throws {
        let client = try client(.plain, SASLCredentials(user: "user", password: "pass"), tlsProtected: false)
        XCTAssertEqual(text(try client.start()), "\0user\0pass")
    }

    func testLoginSendsTheUsernameAsInitialResponseThenThePassword() throws {
        let client = try client(.login, SASLCredentials(user: "user", password: "pass"))
        XCTAssertEqual(text(try client.start()), "user", "the user name goes with the command, as curl's")
        XCTAssertFalse(client.isComplete)
        XCTAssertEqual(text(try client.step(Array("Password:".utf8))), "pass")
        XCTAssertTrue(client.isComplete)
    }

    func testLoginAnswersUsernameThenPassword() throws {
        let client = try client(.login, SASLCredentials(user: "user", password: "pass"))
        XCTAssertNil(try client.start(initialResponseAllowed: false), "LOGIN waits for the server")
        let dialog: [(String, String, Bool)] = [("Username:", "user", false), ("Password:", "pass", true)]
        for (challenge, response, complete) in dialog {
            XCTAssertEqual(text(try client.step(Array(challenge.utf8))), response)
            XCTAssertEqual(client.isComplete, complete)
        }
        XCTAssertThrowsError(try client.step(Array("Again:".utf8))) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .badChallenge)
        }
    }

    func testCRAMMD5MatchesRFC2195() throws {
        let client = try client(.cramMD5, SASLCredentials(user: "tim", password: "tanstaaftanstaaf"))
        XCTAssertNil(try client.start())
        let response = try client.step(Array("<1896.697170952@postoffice.reston.mci.net>".utf8))
        XCTAssertEqual(text(response), "tim b913a602c7eda7a495b4e6e7334d3890")
        XCTAssertTrue(client.isComplete)
        // RFC 2195's base64 forms of the same exchange.
        XCTAssertEqual(
            try SASLBase64.decodeChallenge("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"),
            Array("<1896.697170952@postoffice.reston.mci.net>".utf8))
        XCTAssertEqual(SASLBase64.encodeResponse(response), "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw")
    }

    func testDigestMD5ResponseShapeAndWrongRspauth() throws {
        let client = try client(
            .digestMD5, SASLCredentials(user: "chris", password: "secret"), host: "elwood.innosoft.com", service: .imap)
        XCTAssertNil(try client.start())
        // RFC 2831 §4's challenge.
        let challenge =
            #"realm="elwood.innosoft.com",nonce="OA6MG9tEQGm2hh",qop="auth",algorithm=md5-sess,charset=utf-8"#
        let response = try XCTUnwrap(text(try client.step(Array(challenge.utf8))))
        for part in [
            #"username="chris""#, #"realm="elwood.innosoft.com""#, #"nonce="OA6MG9tEQGm2hh""#, "nc=00000001",
            "qop=auth", #"digest-uri="imap/elwood.innosoft.com""#, "response=", "cnonce=",
        ] {
            XCTAssertTrue(response.contains(part), "\(part) in \(response)")
        }
        XCTAssertFalse(response.contains("secret"))
        XCTAssertFalse(client.isComplete)
        XCTAssertThrowsError(try client.step(Array("rspauth=ea40f60335c427b5527b84dbabcdfffd".utf8))) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .serverAuthenticationFailed, "\(error)")
        }
    }

    func testDigestMD5GarbageIsABadChallenge() throws {
        for challenge in ["nonsense", #"realm="x",qop="auth",algorithm=md5-sess,maxbuf=1,charset=utf-8"#] {
            let client = try client(.digestMD5, SASLCredentials(user: "chris", password: "secret"))
            XCTAssertNil(try client.start())
            XCTAssertThrowsError(try client.step(Array(challenge.utf8)), challenge) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .badChallenge, "\(error)")
            }
        }
    }

    func testExternalSendsTheAuthorizationIdentityOrNothing() throws {
        let cases: [(SASLCredentials, String)] = [
            (SASLCredentials(user: ""), ""),
            (SASLCredentials(user: "user"), ""),
            (SASLCredentials(user: "user", authorizationID: "admin"), "admin"),
        ]
        for (credentials, expected) in cases {
            let client = try client(.external, credentials)
            let initial = try client.start()
            XCTAssertNotNil(initial, "an empty initial response is still one")
            XCTAssertEqual(text(initial), expected)
            XCTAssertTrue(client.isComplete)
            XCTAssertEqual(
                SASLBase64.encodeInitialResponse(try XCTUnwrap(initial)), expected.isEmpty ? "=" : "YWRtaW4=")
        }
    }

    /// EXTERNAL sends no secret and its identity may come from outside TLS (the network, a
    /// tunnel): it runs on a plaintext connection too when asked for.
    func testExternalRunsWithoutTLS() throws {
        let client = try client(.external, SASLCredentials(user: "user", authorizationID: "user"), tlsProtected: false)
        XCTAssertEqual(text(try client.start()), "user")
        XCTAssertTrue(client.isComplete)
    }

    func testMechanismMissingFromCyrus() throws {
        let missing = try XCTUnwrap(SASLMechanism("X-MAILTLS-NONE"))
        XCTAssertFalse(SASLClient.availableMechanisms.contains(missing))
        XCTAssertThrowsError(try client(missing, SASLCredentials(user: "user", password: "pass")).start()) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .mechanismUnavailable, "\(error)")
        }
        XCTAssertThrowsError(
            try SASLMechanismChoice.choose(
                offered: [missing, .plain], preference: .only([missing]),
                credentials: SASLCredentials(user: "user", password: "pass"), channelBinding: nil)
        ) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .mechanismUnavailable)
        }
    }

    func testMechanismsWithoutAuthorizationIdentityAreNotUsedWithOne() {
        let credentials = SASLCredentials(user: "user", password: "pass", authorizationID: "admin")
        for mechanism in [SASLMechanism.login, .cramMD5] {
            XCTAssertThrowsError(try client(mechanism, credentials)) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .mechanismNotUsable)
            }
        }
    }

    func testCyrusListsTheInstalledMechanisms() {
        // libsasl2-modules provides these; -PLUS comes with SCRAM.
        let expected: [SASLMechanism] = [
            .plain, .login, .cramMD5, .digestMD5, .scramSHA1, .scramSHA256, .scramSHA256Plus,
            .scramSHA1Plus, .external, .oauthBearer, .xoauth2,
        ]
        XCTAssertTrue(
            Set(expected).isSubset(of: SASLClient.availableMechanisms),
            "\(SASLClient.availableMechanisms.map(\.name).sorted())")
    }

    func testSeveralExchangesInOneProcess() throws {
        // sasl_client_init runs once; connections come and go, and two may be alive at once.
        let first = try client(.plain, SASLCredentials(user: "one", password: "pw1"))
        let second = try client(.cramMD5, SASLCredentials(user: "tim", password: "tanstaaftanstaaf"))
        XCTAssertEqual(text(try first.start()), "\0one\0pw1")
        XCTAssertNil(try second.start())
        XCTAssertEqual(
            text(try second.step(Array("<1896.697170952@postoffice.reston.mci.net>".utf8))),
            "tim b913a602c7eda7a495b4e6e7334d3890")
        for round in 0..<20 {
            let client = try client(.plain, SASLCredentials(user: "user\(round)", password: "pw"))
            XCTAssertEqual(text(try client.start()), "\0user\(round)\0pw")
        }
    }
}
