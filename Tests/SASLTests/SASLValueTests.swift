import XCTest

@testable import SASL

/// Mechanism names, the server's list, the user's preference, base64 helpers, credentials.
final class SASLValueTests: XCTestCase {
    func testMechanismNames() {
        let rows: [(String, String?)] = [
            ("PLAIN", "PLAIN"), ("scram-sha-256", "SCRAM-SHA-256"), ("X_OAUTH-2", "X_OAUTH-2"),
            ("", nil), ("PL AIN", nil), ("PLAIN=", nil), ("ÄBC", nil), ("ABCDEFGHIJKLMNOPQRSTU", nil),
            ("ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRST"), ("AUTH\u{1b}[31m", nil),
        ]
        for (text, expected) in rows {
            XCTAssertEqual(SASLMechanism(text)?.name, expected, text)
        }
        XCTAssertTrue(SASLMechanism.scramSHA1Plus.usesChannelBinding)
        XCTAssertFalse(SASLMechanism.scramSHA1.usesChannelBinding)
    }

    func testServerLists() {
        let rows: [(String, [String])] = [
            ("PLAIN LOGIN CRAM-MD5", ["PLAIN", "LOGIN", "CRAM-MD5"]),
            ("  PLAIN\tLOGIN  PLAIN ", ["PLAIN", "LOGIN"]),
            ("PLAIN bad=word LOGIN", ["PLAIN", "LOGIN"]),
            ("", []),
        ]
        for (text, expected) in rows {
            XCTAssertEqual(SASLMechanism.list(text).map(\.name), expected, text)
        }
        XCTAssertEqual(SASLMechanism.list(["plain", "XOAUTH2"]).map(\.name), ["PLAIN", "XOAUTH2"])
    }

    func testPreferenceFromLoginOptions() {
        let rows: [([String], SASLMechanismPreference?)] = [
            ([], .any), (["*"], .any), (["PLAIN", "*"], .any),
            (["PLAIN"], .only([.plain])), (["plain", "LOGIN", "PLAIN"], .only([.plain, .login])),
            (["PL AIN"], nil), ([""], nil),
        ]
        for (values, expected) in rows {
            XCTAssertEqual(SASLMechanismPreference(authValues: values), expected, "\(values)")
        }
    }

    func testBase64Helpers() throws {
        XCTAssertEqual(SASLBase64.encodeInitialResponse([]), "=")
        XCTAssertEqual(SASLBase64.encodeInitialResponse(Array("\0user\0pass".utf8)), "AHVzZXIAcGFzcw==")
        XCTAssertEqual(SASLBase64.encodeResponse([]), "")
        XCTAssertEqual(try SASLBase64.decodeChallenge(""), [])
        XCTAssertEqual(try SASLBase64.decodeChallenge(" VXNlcm5hbWU6 \r"), Array("Username:".utf8))
        for bad in ["VXNlcm5hbWU", "VXNlc!5hbWU6", "=", "VXNl cm5hbWU6"] {
            XCTAssertThrowsError(try SASLBase64.decodeChallenge(bad), bad) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .badChallenge)
            }
        }
    }

    func testCredentialsNeverPrintSecrets() {
        let credentials = SASLCredentials(
            user: "user", password: "hunter2", authorizationID: "boss", bearerToken: "tok3n")
        for text in [
            String(describing: credentials), String(reflecting: credentials), "\(credentials)",
            String(describing: Mirror(reflecting: credentials).children.map(\.value)),
        ] {
            XCTAssertFalse(text.contains("hunter2"), text)
            XCTAssertFalse(text.contains("tok3n"), text)
            XCTAssertTrue(text.contains("user"), text)
        }
    }

    func testStartAndStepOrder() throws {
        let client = try SASLClient(
            mechanism: .plain, service: .pop, serverHost: "h",
            credentials: SASLCredentials(user: "u", password: "p"), tlsProtected: true)
        XCTAssertThrowsError(try client.step([])) { XCTAssertEqual(($0 as? SASLError)?.kind, .engine) }
        XCTAssertFalse(client.isComplete)
        // Without SASL-IR the initial response answers the server's empty go-ahead.
        XCTAssertNil(try client.start(initialResponseAllowed: false))
        XCTAssertFalse(client.isComplete)
        XCTAssertThrowsError(try client.finish())
        XCTAssertEqual(try client.step([]), Array("\0u\0p".utf8))
        XCTAssertTrue(client.isComplete)
        XCTAssertThrowsError(try client.start()) { XCTAssertEqual(($0 as? SASLError)?.kind, .engine) }
        XCTAssertThrowsError(try client.step([])) { XCTAssertEqual(($0 as? SASLError)?.kind, .badChallenge) }
    }
}
