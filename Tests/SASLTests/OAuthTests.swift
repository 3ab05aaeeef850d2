import XCTest

@testable import SASL

/// The built-in bearer-token mechanisms, byte for byte, and their error-challenge dialog.
final class OAuthTests: XCTestCase {
    private func client(
        _ mechanism: SASLMechanism, _ credentials: SASLCredentials, port: Int? = 587
    ) throws -> SASLClient {
        try SASLClient(
            mechanism: mechanism, service: .smtp, serverHost: "mail.example", serverPort: port,
            credentials: credentials, tlsProtected: true)
    }

    func testInitialResponses() throws {
        let token = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="
        let cases: [(SASLMechanism, SASLCredentials, Int?, String)] = [
            (
                .xoauth2, SASLCredentials(user: "someuser@example.com", bearerToken: token), 587,
                "user=someuser@example.com\u{1}auth=Bearer \(token)\u{1}\u{1}"
            ),
            (
                .oauthBearer, SASLCredentials(user: "user@example.com", bearerToken: token), 587,
                "n,a=user@example.com,\u{1}host=mail.example\u{1}port=587\u{1}auth=Bearer \(token)\u{1}\u{1}"
            ),
            (
                .oauthBearer, SASLCredentials(user: "user", authorizationID: "admin", bearerToken: token), nil,
                "n,a=admin,\u{1}host=mail.example\u{1}auth=Bearer \(token)\u{1}\u{1}"
            ),
            (
                .oauthBearer, SASLCredentials(user: "", bearerToken: token), 993,
                "n,,\u{1}host=mail.example\u{1}port=993\u{1}auth=Bearer \(token)\u{1}\u{1}"
            ),
            (
                .oauthBearer, SASLCredentials(user: "a,b=c", bearerToken: token), 993,
                "n,a=a=2Cb=3Dc,\u{1}host=mail.example\u{1}port=993\u{1}auth=Bearer \(token)\u{1}\u{1}"
            ),
        ]
        for (mechanism, credentials, port, expected) in cases {
            let client = try client(mechanism, credentials, port: port)
            XCTAssertEqual(try client.start(), Array(expected.utf8), "\(mechanism)")
            XCTAssertTrue(client.isComplete)
            XCTAssertNoThrow(try client.finish())
        }
    }

    func testRFC7628ExampleBytes() throws {
        // RFC 7628 §4.1's initial response, without authorization identity.
        let client = try SASLClient(
            mechanism: .oauthBearer, service: .imap, serverHost: "server.example.com", serverPort: 143,
            credentials: SASLCredentials(user: "", bearerToken: "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="),
            tlsProtected: true)
        XCTAssertEqual(
            try client.start().map { SASLBase64.encodeInitialResponse($0) },
            "biwsAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJo"
                + "ZG1semRHRXVZMjl0Q2c9PQEB")
    }

    func testErrorChallengeIsAcknowledgedAndTheExchangeFails() throws {
        let error = Array(
            #"{"status":"invalid_token","scope":"example_scope","openid-configuration":"https://example.com/.well-known/openid-configuration"}"#
                .utf8)
        for (mechanism, acknowledgement) in [(SASLMechanism.oauthBearer, [UInt8]([0x01])), (.xoauth2, [])] {
            let client = try client(mechanism, SASLCredentials(user: "user", bearerToken: "token"))
            _ = try client.start()
            XCTAssertEqual(try client.step(error), acknowledgement, "\(mechanism)")
            XCTAssertFalse(client.isComplete)
            XCTAssertThrowsError(try client.step(error)) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .badChallenge)
            }
            XCTAssertThrowsError(try client.finish(), "success after an error is not accepted")
        }
    }

    func testNoInitialResponseWithoutSASLIR() throws {
        let client = try client(.xoauth2, SASLCredentials(user: "u", bearerToken: "t"))
        XCTAssertNil(try client.start(initialResponseAllowed: false))
        XCTAssertFalse(client.isComplete)
        XCTAssertEqual(try client.step([]), Array("user=u\u{1}auth=Bearer t\u{1}\u{1}".utf8))
        XCTAssertTrue(client.isComplete)
    }

    func testControlCharactersCannotForgeFields() {
        let cases = [
            SASLCredentials(user: "user", bearerToken: "abc\u{1}auth=Bearer other"),
            SASLCredentials(user: "us\u{1}er", bearerToken: "token"),
            SASLCredentials(user: "user", authorizationID: "x\r\n", bearerToken: "token"),
        ]
        for credentials in cases {
            for mechanism in [SASLMechanism.oauthBearer, .xoauth2] {
                XCTAssertThrowsError(try client(mechanism, credentials)) { error in
                    XCTAssertEqual((error as? SASLError)?.kind, .mechanismNotUsable)
                    XCTAssertFalse("\(error)".contains("abc"), "no token in the message")
                }
            }
        }
    }

    func testBearerMechanismsNeedAToken() {
        for mechanism in [SASLMechanism.oauthBearer, .xoauth2] {
            XCTAssertThrowsError(try client(mechanism, SASLCredentials(user: "user", password: "pass"))) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .mechanismNotUsable)
            }
        }
    }
}
