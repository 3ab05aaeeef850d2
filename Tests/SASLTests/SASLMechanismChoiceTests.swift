import XCTest
@testable import SASL

/// The mechanism choice as tables: (server offers, user asks, credentials, channel binding) →
/// mechanism or error kind. `available` is fixed here so the tables do not depend on the
/// plugins installed; one test uses Cyrus's real list.
final class SASLMechanismChoiceTests: XCTestCase {
    private let cyrus: Set<SASLMechanism> = Set(SASLMechanism.list(
        "PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-1-PLUS SCRAM-SHA-256 SCRAM-SHA-256-PLUS EXTERNAL NTLM ANONYMOUS"))
    private static let password = SASLCredentials(user: "user", password: "secret")
    private static let token = SASLCredentials(user: "user", bearerToken: "token")
    private static let both = SASLCredentials(user: "user", password: "secret", bearerToken: "token")
    private static let userOnly = SASLCredentials(user: "user")
    private static let proxy = SASLCredentials(user: "user", password: "secret", authorizationID: "boss")

    private enum Expected: Equatable {
        case mechanism(String)
        case error(SASLError.Kind)
    }

    private func check(_ rows: [(offered: String, preference: SASLMechanismPreference, credentials: SASLCredentials,
                                 channelBinding: Bool, expected: Expected)], line: UInt = #line) {
        for (index, row) in rows.enumerated() {
            let outcome: Expected
            do {
                outcome = .mechanism(try SASLMechanismChoice.choose(
                    offered: SASLMechanism.list(row.offered), preference: row.preference, credentials: row.credentials,
                    channelBindingAvailable: row.channelBinding, available: cyrus).name)
            } catch {
                outcome = .error(error.kind)
            }
            XCTAssertEqual(outcome, row.expected, "row \(index): \(row.offered) \(row.preference)", line: line)
        }
    }

    private static func only(_ names: String...) -> SASLMechanismPreference {
        .only(names.map { SASLMechanism($0)! })
    }

    func testAutomaticOrder() {
        let all = "LOGIN PLAIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256 SCRAM-SHA-1-PLUS SCRAM-SHA-256-PLUS XOAUTH2 OAUTHBEARER EXTERNAL"
        check([
            (all, .any, Self.password, true, .mechanism("SCRAM-SHA-256-PLUS")),
            (all, .any, Self.password, false, .mechanism("SCRAM-SHA-256")),
            ("SCRAM-SHA-1-PLUS SCRAM-SHA-1 SCRAM-SHA-256", .any, Self.password, true, .mechanism("SCRAM-SHA-1-PLUS")),
            ("SCRAM-SHA-1 PLAIN", .any, Self.password, true, .mechanism("SCRAM-SHA-1")),
            ("PLAIN LOGIN CRAM-MD5 DIGEST-MD5", .any, Self.password, false, .mechanism("DIGEST-MD5")),
            ("PLAIN LOGIN CRAM-MD5", .any, Self.password, false, .mechanism("CRAM-MD5")),
            ("LOGIN PLAIN", .any, Self.password, false, .mechanism("PLAIN")),
            ("LOGIN", .any, Self.password, false, .mechanism("LOGIN")),
            ("login plain", .any, Self.password, false, .mechanism("PLAIN")),
            ("PLAIN EXTERNAL", .any, Self.userOnly, false, .error(.noCommonMechanism)),
            ("EXTERNAL", .any, Self.password, false, .error(.noCommonMechanism)),
            ("", .any, Self.password, false, .error(.noCommonMechanism)),
            ("GSSAPI NTLM", .any, Self.password, false, .error(.noCommonMechanism)),
            ("SCRAM-SHA-256-PLUS", .any, Self.password, false, .error(.noCommonMechanism)),
            ("PLAIN", .any, SASLCredentials(user: "", password: "secret"), false, .error(.noCommonMechanism)),
        ])
    }

    func testBearerTokenUsesOnlyBearerMechanisms() {
        check([
            ("PLAIN XOAUTH2 OAUTHBEARER SCRAM-SHA-256", .any, Self.token, false, .mechanism("OAUTHBEARER")),
            ("PLAIN XOAUTH2 SCRAM-SHA-256", .any, Self.both, false, .mechanism("XOAUTH2")),
            ("PLAIN CRAM-MD5 SCRAM-SHA-256", .any, Self.both, false, .error(.noCommonMechanism)),
            ("XOAUTH2", .any, SASLCredentials(user: "", bearerToken: "t"), false, .error(.noCommonMechanism)),
            ("XOAUTH2 OAUTHBEARER", .any, SASLCredentials(user: "", bearerToken: "t"), false, .mechanism("OAUTHBEARER")),
            ("XOAUTH2 OAUTHBEARER", .any, Self.password, false, .error(.noCommonMechanism)),
            // Explicitly asked for, a password mechanism may still be used alongside a token.
            ("PLAIN XOAUTH2", Self.only("PLAIN"), Self.both, false, .mechanism("PLAIN")),
        ])
    }

    func testAuthorizationIdentitySkipsMechanismsThatCannotCarryIt() {
        check([
            ("CRAM-MD5 PLAIN LOGIN", .any, Self.proxy, false, .mechanism("PLAIN")),
            ("CRAM-MD5 LOGIN", .any, Self.proxy, false, .error(.noCommonMechanism)),
            ("SCRAM-SHA-256 PLAIN", .any, Self.proxy, false, .mechanism("SCRAM-SHA-256")),
            ("LOGIN", Self.only("LOGIN"), Self.proxy, false, .error(.mechanismNotUsable)),
        ])
    }

    func testExplicitRequest() {
        check([
            ("PLAIN LOGIN SCRAM-SHA-256", Self.only("PLAIN"), Self.password, false, .mechanism("PLAIN")),
            ("PLAIN LOGIN", Self.only("LOGIN"), Self.password, false, .mechanism("LOGIN")),
            ("PLAIN LOGIN", Self.only("login"), Self.password, false, .mechanism("LOGIN")),
            // Several allowed: curl's order among them, not the user's.
            ("PLAIN CRAM-MD5", Self.only("PLAIN", "CRAM-MD5"), Self.password, false, .mechanism("CRAM-MD5")),
            ("PLAIN NTLM", Self.only("NTLM", "PLAIN"), Self.password, false, .mechanism("PLAIN")),
            ("NTLM", Self.only("NTLM", "PLAIN"), Self.password, false, .mechanism("NTLM")),
            ("PLAIN", Self.only("CRAM-MD5"), Self.password, false, .error(.mechanismNotOffered)),
            ("PLAIN", Self.only("GSSAPI"), Self.password, false, .error(.mechanismUnavailable)),
            ("GSSAPI PLAIN", Self.only("GSSAPI"), Self.password, false, .error(.mechanismUnavailable)),
            ("PLAIN", Self.only("GSSAPI", "CRAM-MD5"), Self.password, false, .error(.mechanismNotOffered)),
            ("PLAIN", Self.only("PLAIN"), Self.userOnly, false, .error(.mechanismNotUsable)),
            ("PLAIN XOAUTH2", Self.only("XOAUTH2"), Self.password, false, .error(.mechanismNotUsable)),
            ("XOAUTH2", Self.only("XOAUTH2"), Self.token, false, .mechanism("XOAUTH2")),
            ("SCRAM-SHA-256-PLUS", Self.only("SCRAM-SHA-256-PLUS"), Self.password, false, .error(.mechanismNotUsable)),
            ("SCRAM-SHA-256-PLUS", Self.only("SCRAM-SHA-256-PLUS"), Self.password, true, .mechanism("SCRAM-SHA-256-PLUS")),
            ("SCRAM-SHA-256 SCRAM-SHA-256-PLUS", Self.only("SCRAM-SHA-256"), Self.password, true, .mechanism("SCRAM-SHA-256")),
        ])
    }

    func testExternalOnlyWhenAsked() {
        check([
            ("EXTERNAL PLAIN", .any, Self.password, false, .mechanism("PLAIN")),
            ("EXTERNAL PLAIN", Self.only("EXTERNAL"), Self.userOnly, false, .mechanism("EXTERNAL")),
            ("EXTERNAL PLAIN", Self.only("EXTERNAL"), Self.password, false, .mechanism("EXTERNAL")),
            ("EXTERNAL PLAIN", Self.only("EXTERNAL", "PLAIN"), Self.password, false, .mechanism("EXTERNAL")),
            ("PLAIN", Self.only("EXTERNAL"), Self.userOnly, false, .error(.mechanismNotOffered)),
            ("EXTERNAL", Self.only("EXTERNAL"), SASLCredentials(user: ""), false, .mechanism("EXTERNAL")),
        ])
    }

    func testMessagesNameTheMechanismsButNoSecret() {
        do {
            _ = try SASLMechanismChoice.choose(offered: SASLMechanism.list("PLAIN LOGIN"), preference: Self.only("CRAM-MD5"),
                                               credentials: Self.password, channelBindingAvailable: false, available: cyrus)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.message.contains("CRAM-MD5"), error.message)
            XCTAssertTrue(error.message.contains("PLAIN LOGIN"), error.message)
            XCTAssertFalse(error.message.contains("secret"))
        }
    }

    func testWithTheInstalledCyrus() throws {
        let offered = SASLMechanism.list("PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256")
        XCTAssertEqual(try SASLMechanismChoice.choose(offered: offered, preference: .any, credentials: Self.password,
                                                      channelBindingAvailable: false), .scramSHA256)
    }
}
