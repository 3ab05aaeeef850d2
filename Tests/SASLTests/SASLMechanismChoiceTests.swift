import XCTest

@testable import SASL

/// The mechanism choice as tables: (server offers, user asks, credentials, channel binding) →
/// mechanism or error kind. `available` is fixed here so the tables do not depend on the
/// plugins installed; one test uses Cyrus's real list.
final class SASLMechanismChoiceTests: XCTestCase {
    private let cyrus: Set<SASLMechanism> = Set(
        SASLMechanism.list(
            "PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-1-PLUS SCRAM-SHA-256 SCRAM-SHA-256-PLUS EXTERNAL NTLM ANONYMOUS"
        ))
    private static let password = SASLCredentials(user: "user", password: "secret")
    private static let token = SASLCredentials(user: "user", bearerToken: "token")
    private static let both = SASLCredentials(user: "user", password: "secret", bearerToken: "token")
    private static let userOnly = SASLCredentials(user: "user")
    private static let proxy = SASLCredentials(user: "user", password: "secret", authorizationID: "boss")
    /// What GnuTLS gives under TLS 1.2 and under TLS 1.3.
    private static let tls12 = SASLChannelBinding(type: "tls-unique", data: Array(0..<12))
    private static let tls13 = SASLChannelBinding(type: "tls-exporter", data: Array(0..<32))

    private enum Expected: Equatable {
        case mechanism(String)
        case error(SASLError.Kind)
    }

    private func check(
        _ rows: [(
            offered: String, preference: SASLMechanismPreference, credentials: SASLCredentials,
            channelBinding: SASLChannelBinding?, expected: Expected
        )], line: UInt = #line
    ) {
        for (index, row) in rows.enumerated() {
            let outcome: Expected
            do {
                outcome = .mechanism(
                    try SASLMechanismChoice.choose(
                        offered: SASLMechanism.list(row.offered), preference: row.preference,
                        credentials: row.credentials,
                        channelBinding: row.channelBinding, available: cyrus
                    ).name)
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
        let all =
            "LOGIN PLAIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256 SCRAM-SHA-1-PLUS SCRAM-SHA-256-PLUS XOAUTH2 OAUTHBEARER EXTERNAL"
        check([
            (all, .any, Self.password, Self.tls12, .mechanism("SCRAM-SHA-256-PLUS")),
            (all, .any, Self.password, nil, .mechanism("SCRAM-SHA-256")),
            (
                "SCRAM-SHA-1-PLUS SCRAM-SHA-1 SCRAM-SHA-256", .any, Self.password, Self.tls12,
                .mechanism("SCRAM-SHA-1-PLUS")
            ),
            ("SCRAM-SHA-1 PLAIN", .any, Self.password, Self.tls12, .mechanism("SCRAM-SHA-1")),
            ("PLAIN LOGIN CRAM-MD5 DIGEST-MD5", .any, Self.password, nil, .mechanism("DIGEST-MD5")),
            ("PLAIN LOGIN CRAM-MD5", .any, Self.password, nil, .mechanism("CRAM-MD5")),
            ("LOGIN PLAIN", .any, Self.password, nil, .mechanism("PLAIN")),
            ("LOGIN", .any, Self.password, nil, .mechanism("LOGIN")),
            ("login plain", .any, Self.password, nil, .mechanism("PLAIN")),
            ("PLAIN EXTERNAL", .any, Self.userOnly, nil, .error(.noCommonMechanism)),
            ("EXTERNAL", .any, Self.password, nil, .error(.noCommonMechanism)),
            ("", .any, Self.password, nil, .error(.noCommonMechanism)),
            ("GSSAPI NTLM", .any, Self.password, nil, .error(.noCommonMechanism)),
            ("SCRAM-SHA-256-PLUS", .any, Self.password, nil, .error(.noCommonMechanism)),
            ("PLAIN", .any, SASLCredentials(user: "", password: "secret"), nil, .error(.noCommonMechanism)),
        ])
    }

    /// Issue 10: under TLS 1.3 the binding is tls-exporter, which Cyrus IMAP 3.6 does not
    /// implement; -PLUS then comes after the unbound SCRAMs but before anything weaker.
    func testChannelBindingTypeDecidesWherePlusStands() {
        let cyrus = "SCRAM-SHA-256-PLUS SCRAM-SHA-256 PLAIN"
        check([
            (cyrus, .any, Self.password, Self.tls12, .mechanism("SCRAM-SHA-256-PLUS")),
            (cyrus, .any, Self.password, Self.tls13, .mechanism("SCRAM-SHA-256")),
            (cyrus, .any, Self.password, nil, .mechanism("SCRAM-SHA-256")),
            ("SCRAM-SHA-256-PLUS SCRAM-SHA-1 PLAIN", .any, Self.password, Self.tls13, .mechanism("SCRAM-SHA-1")),
            ("SCRAM-SHA-256-PLUS SCRAM-SHA-1 PLAIN", .any, Self.password, Self.tls12, .mechanism("SCRAM-SHA-256-PLUS")),
            // Never weaker than a bound SCRAM when no unbound one is offered.
            (
                "SCRAM-SHA-256-PLUS DIGEST-MD5 CRAM-MD5 PLAIN", .any, Self.password, Self.tls13,
                .mechanism("SCRAM-SHA-256-PLUS")
            ),
            ("SCRAM-SHA-1-PLUS PLAIN", .any, Self.password, Self.tls13, .mechanism("SCRAM-SHA-1-PLUS")),
            ("SCRAM-SHA-256-PLUS PLAIN", .any, Self.password, nil, .mechanism("PLAIN")),
            // Asked for alone, -PLUS is used whatever the type; among several, the same order.
            (cyrus, Self.only("SCRAM-SHA-256-PLUS"), Self.password, Self.tls13, .mechanism("SCRAM-SHA-256-PLUS")),
            (cyrus, Self.only("SCRAM-SHA-256-PLUS"), Self.password, Self.tls12, .mechanism("SCRAM-SHA-256-PLUS")),
            (
                cyrus, Self.only("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), Self.password, Self.tls13,
                .mechanism("SCRAM-SHA-256")
            ),
            (
                cyrus, Self.only("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), Self.password, Self.tls12,
                .mechanism("SCRAM-SHA-256-PLUS")
            ),
            (
                cyrus, Self.only("SCRAM-SHA-256-PLUS", "PLAIN"), Self.password, Self.tls13,
                .mechanism("SCRAM-SHA-256-PLUS")
            ),
            (cyrus, Self.only("SCRAM-SHA-256-PLUS"), Self.password, nil, .error(.mechanismNotUsable)),
        ])
    }

    func testOnlyTLSUniqueIsMandatoryForServers() {
        XCTAssertTrue(Self.tls12.isMandatoryForServers)
        XCTAssertFalse(Self.tls13.isMandatoryForServers)
        XCTAssertEqual(
            SASLMechanismChoice.order(SASLMechanismChoice.automaticOrder, binding: Self.tls13).map(\.name),
            [
                "SCRAM-SHA-256", "SCRAM-SHA-1", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
                "DIGEST-MD5", "CRAM-MD5", "PLAIN", "LOGIN",
            ])
        XCTAssertEqual(
            SASLMechanismChoice.order(SASLMechanismChoice.automaticOrder, binding: Self.tls12),
            SASLMechanismChoice.automaticOrder)
    }

    func testBearerTokenUsesOnlyBearerMechanisms() {
        check([
            ("PLAIN XOAUTH2 OAUTHBEARER SCRAM-SHA-256", .any, Self.token, nil, .mechanism("OAUTHBEARER")),
            ("PLAIN XOAUTH2 SCRAM-SHA-256", .any, Self.both, nil, .mechanism("XOAUTH2")),
            ("PLAIN CRAM-MD5 SCRAM-SHA-256", .any, Self.both, nil, .error(.noCommonMechanism)),
            ("XOAUTH2", .any, SASLCredentials(user: "", bearerToken: "t"), nil, .error(.noCommonMechanism)),
            ("XOAUTH2 OAUTHBEARER", .any, SASLCredentials(user: "", bearerToken: "t"), nil, .mechanism("OAUTHBEARER")),
            ("XOAUTH2 OAUTHBEARER", .any, Self.password, nil, .error(.noCommonMechanism)),
            // Explicitly asked for, a password mechanism may still be used alongside a token.
            ("PLAIN XOAUTH2", Self.only("PLAIN"), Self.both, nil, .mechanism("PLAIN")),
        ])
    }

    func testAuthorizationIdentitySkipsMechanismsThatCannotCarryIt() {
        check([
            ("CRAM-MD5 PLAIN LOGIN", .any, Self.proxy, nil, .mechanism("PLAIN")),
            ("CRAM-MD5 LOGIN", .any, Self.proxy, nil, .error(.noCommonMechanism)),
            ("SCRAM-SHA-256 PLAIN", .any, Self.proxy, nil, .mechanism("SCRAM-SHA-256")),
            ("LOGIN", Self.only("LOGIN"), Self.proxy, nil, .error(.mechanismNotUsable)),
        ])
    }

    func testExplicitRequest() {
        check([
            ("PLAIN LOGIN SCRAM-SHA-256", Self.only("PLAIN"), Self.password, nil, .mechanism("PLAIN")),
            ("PLAIN LOGIN", Self.only("LOGIN"), Self.password, nil, .mechanism("LOGIN")),
            ("PLAIN LOGIN", Self.only("login"), Self.password, nil, .mechanism("LOGIN")),
            // Several allowed: curl's order among them, not the user's.
            ("PLAIN CRAM-MD5", Self.only("PLAIN", "CRAM-MD5"), Self.password, nil, .mechanism("CRAM-MD5")),
            ("PLAIN NTLM", Self.only("NTLM", "PLAIN"), Self.password, nil, .mechanism("PLAIN")),
            ("NTLM", Self.only("NTLM", "PLAIN"), Self.password, nil, .mechanism("NTLM")),
            ("PLAIN", Self.only("CRAM-MD5"), Self.password, nil, .error(.mechanismNotOffered)),
            ("PLAIN", Self.only("GSSAPI"), Self.password, nil, .error(.mechanismUnavailable)),
            ("GSSAPI PLAIN", Self.only("GSSAPI"), Self.password, nil, .error(.mechanismUnavailable)),
            ("PLAIN", Self.only("GSSAPI", "CRAM-MD5"), Self.password, nil, .error(.mechanismNotOffered)),
            ("PLAIN", Self.only("PLAIN"), Self.userOnly, nil, .error(.mechanismNotUsable)),
            ("PLAIN XOAUTH2", Self.only("XOAUTH2"), Self.password, nil, .error(.mechanismNotUsable)),
            ("XOAUTH2", Self.only("XOAUTH2"), Self.token, nil, .mechanism("XOAUTH2")),
            ("SCRAM-SHA-256-PLUS", Self.only("SCRAM-SHA-256-PLUS"), Self.password, nil, .error(.mechanismNotUsable)),
            (
                "SCRAM-SHA-256-PLUS", Self.only("SCRAM-SHA-256-PLUS"), Self.password, Self.tls12,
                .mechanism("SCRAM-SHA-256-PLUS")
            ),
            (
                "SCRAM-SHA-256 SCRAM-SHA-256-PLUS", Self.only("SCRAM-SHA-256"), Self.password, Self.tls12,
                .mechanism("SCRAM-SHA-256")
            ),
        ])
    }

    func testExternalOnlyWhenAsked() {
        check([
            ("EXTERNAL PLAIN", .any, Self.password, nil, .mechanism("PLAIN")),
            ("EXTERNAL PLAIN", Self.only("EXTERNAL"), Self.userOnly, nil, .mechanism("EXTERNAL")),
            ("EXTERNAL PLAIN", Self.only("EXTERNAL"), Self.password, nil, .mechanism("EXTERNAL")),
            ("EXTERNAL PLAIN", Self.only("EXTERNAL", "PLAIN"), Self.password, nil, .mechanism("EXTERNAL")),
            ("PLAIN", Self.only("EXTERNAL"), Self.userOnly, nil, .error(.mechanismNotOffered)),
            ("EXTERNAL", Self.only("EXTERNAL"), SASLCredentials(user: ""), nil, .mechanism("EXTERNAL")),
        ])
    }

    func testMessagesNameTheMechanismsButNoSecret() {
        do {
            _ = try SASLMechanismChoice.choose(
                offered: SASLMechanism.list("PLAIN LOGIN"), preference: Self.only("CRAM-MD5"),
                credentials: Self.password, channelBinding: nil, available: cyrus)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.message.contains("CRAM-MD5"), error.message)
            XCTAssertTrue(error.message.contains("PLAIN LOGIN"), error.message)
            XCTAssertFalse(error.message.contains("secret"))
        }
    }

    func testWithTheInstalledCyrus() throws {
        let offered = SASLMechanism.list("PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256")
        XCTAssertEqual(
            try SASLMechanismChoice.choose(
                offered: offered, preference: .any, credentials: Self.password,
                channelBinding: nil), .scramSHA256)
    }
}
