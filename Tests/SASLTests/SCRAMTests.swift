import XCTest

@testable import SASL

/// SCRAM through Cyrus against `SCRAMTestServer`: the client's nonce is Cyrus's own, so the
/// RFC examples cannot be replayed byte for byte; instead a server that checks every field
/// and the proof answers, and the client must accept its signature and refuse a wrong one.
final class SCRAMTests: XCTestCase {
    private let credentials = SASLCredentials(user: "user", password: "pencil")

    private func client(
        _ mechanism: SASLMechanism, _ credentials: SASLCredentials? = nil,
        channelBinding: SASLChannelBinding? = nil
    ) throws -> SASLClient {
        try SASLClient(
            mechanism: mechanism, service: .imap, serverHost: "mail.example",
            credentials: credentials ?? self.credentials,
            channelBinding: channelBinding, tlsProtected: true)
    }

    /// Runs client-first and client-final; returns the server-final message the server sent.
    private func exchange(_ client: SASLClient, _ server: inout SCRAMTestServer, tamper: Bool = false) throws -> [UInt8]
    {
        let first = try XCTUnwrap(client.start())
        let clientFinal = try client.step(try server.respond(toClientFirst: first))
        XCTAssertFalse(client.isComplete)
        return try server.respond(toClientFinal: clientFinal, tamper: tamper)
    }

    func testExchangesVerifyTheServerSignature() throws {
        for (mechanism, hash) in [(SASLMechanism.scramSHA1, TestHash.sha1), (.scramSHA256, .sha256)] {
            var server = SCRAMTestServer(hash: hash, user: "user", password: "pencil")
            let client = try client(mechanism)
            let serverFinal = try exchange(client, &server)
            XCTAssertEqual(try client.step(serverFinal), [], "\(mechanism): the answer to v= is empty")
            XCTAssertTrue(client.isComplete, "\(mechanism)")
            XCTAssertNoThrow(try client.finish(), "\(mechanism)")
        }
    }

    func testClientFirstMessageShape() throws {
        let cases: [(SASLMechanism, SASLCredentials, String)] = [
            (.scramSHA1, credentials, "n,,n=user,r="),
            (.scramSHA256, credentials, "n,,n=user,r="),
            (.scramSHA256, SASLCredentials(user: "us=er,x", password: "p"), "n,,n=us=3Der=2Cx,r="),
            (
                .scramSHA256, SASLCredentials(user: "user", password: "p", authorizationID: "admin"),
                "n,a=admin,n=user,r="
            ),
            (.scramSHA256, SASLCredentials(user: "user", password: "p", authorizationID: ""), "n,,n=user,r="),
        ]
        for (mechanism, credentials, prefix) in cases {
            let first = String(decoding: try XCTUnwrap(client(mechanism, credentials).start()), as: UTF8.self)
            XCTAssertTrue(first.hasPrefix(prefix), "\(first) should start with \(prefix)")
            XCTAssertGreaterThan(first.count, prefix.count + 16, "a nonce of some length: \(first)")
        }
    }

    func testWrongServerSignatureIsRefused() throws {
        for (mechanism, hash) in [(SASLMechanism.scramSHA1, TestHash.sha1), (.scramSHA256, .sha256)] {
            var server = SCRAMTestServer(hash: hash, user: "user", password: "pencil")
            let client = try client(mechanism)
            let serverFinal = try exchange(client, &server, tamper: true)
            XCTAssertThrowsError(try client.step(serverFinal)) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .serverAuthenticationFailed, "\(error)")
            }
            XCTAssertFalse(client.isComplete)
            XCTAssertThrowsError(try client.finish())
        }
    }

    func testSignatureReplayedFromAnotherExchangeIsRefused() throws {
        var first = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil")
        let replayed = try exchange(try client(.scramSHA256), &first)
        var second = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil")
        let client = try client(.scramSHA256)
        _ = try exchange(client, &second)
        // Valid for the other exchange's nonces, so it proves nothing about this one.
        XCTAssertThrowsError(try client.step(replayed)) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .serverAuthenticationFailed)
        }
    }

    func testSuccessWithoutServerSignatureIsRefused() throws {
        var server = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil")
        let client = try client(.scramSHA256)
        _ = try exchange(client, &server)
        XCTAssertThrowsError(try client.finish()) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .serverAuthenticationFailed)
        }
    }

    func testSignatureAsSuccessDataCompletesTheExchange() throws {
        var server = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil")
        let client = try client(.scramSHA256)
        let serverFinal = try exchange(client, &server)
        XCTAssertNoThrow(try client.finish(successData: serverFinal))
        XCTAssertTrue(client.isComplete)
    }

    func testMalformedServerMessagesAreBadChallenges() throws {
        let cases: [String] = [
            "r=someoneelsesnonce1234567890,s=c2FsdA==,i=4096",  // nonce does not extend ours
            "garbage",
        ]
        for serverFirst in cases {
            let client = try client(.scramSHA256)
            _ = try client.start()
            XCTAssertThrowsError(try client.step(Array(serverFirst.utf8)), serverFirst) { error in
                XCTAssertEqual((error as? SASLError)?.kind, .badChallenge, "\(error)")
            }
        }
        var server = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil")
        let client = try client(.scramSHA256)
        _ = try exchange(client, &server)
        XCTAssertThrowsError(try client.step(Array("e=invalid-proof".utf8))) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .badChallenge, "\(error)")
        }
    }

    func testPlusVariantBindsTheChannel() throws {
        let binding = SASLChannelBinding(type: "tls-exporter", data: Array(0..<32))
        var server = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil", channelBindingData: binding.data)
        let client = try client(.scramSHA256Plus, channelBinding: binding)
        let first = try XCTUnwrap(client.start())
        XCTAssertTrue(String(decoding: first, as: UTF8.self).hasPrefix("p=tls-exporter,,n=user,r="))
        let clientFinal = try client.step(try server.respond(toClientFirst: first))
        XCTAssertEqual(try client.step(try server.respond(toClientFinal: clientFinal)), [])
        XCTAssertNoThrow(try client.finish())
    }

    func testPlusVariantWithOtherChannelDataFailsAtTheServer() throws {
        let binding = SASLChannelBinding(type: "tls-exporter", data: Array(0..<32))
        var server = SCRAMTestServer(hash: .sha256, user: "user", password: "pencil", channelBindingData: Array(1..<33))
        let client = try client(.scramSHA256Plus, channelBinding: binding)
        let clientFinal = try client.step(try server.respond(toClientFirst: try XCTUnwrap(client.start())))
        XCTAssertThrowsError(try server.respond(toClientFinal: clientFinal))
    }

    func testPlainSCRAMWithChannelDataSaysNoBinding() throws {
        let binding = SASLChannelBinding(type: "tls-exporter", data: Array(0..<32))
        let first = try XCTUnwrap(client(.scramSHA256, channelBinding: binding).start())
        XCTAssertTrue(String(decoding: first, as: UTF8.self).hasPrefix("n,,n=user,r="))
    }

    func testOnlyThePlusVariantBindsAndANameForARefusal() throws {
        let binding = SASLChannelBinding(type: "tls-exporter", data: Array(0..<32))
        XCTAssertNil(try client(.scramSHA256, channelBinding: binding).boundChannelType)
        XCTAssertEqual(try client(.scramSHA256Plus, channelBinding: binding).boundChannelType, "tls-exporter")
        struct Refused: Error, CustomStringConvertible {
            var description: String { "Authentication failed: NO bad protocol / cancel" }
        }
        let exporter = ChannelBindingRefusal(
            refusal: Refused(), mechanism: .scramSHA256Plus, bindingType: "tls-exporter")
        XCTAssertEqual(
            exporter.description,
            "Authentication failed: NO bad protocol / cancel (SCRAM-SHA-256-PLUS bound the "
                + "login to this TLS connection with channel-binding type tls-exporter, which the server may not "
                + "support: try AUTH=SCRAM-SHA-256, or TLS 1.2 (--tls-max 1.2), where the type is tls-unique)")
        let unique = ChannelBindingRefusal(refusal: Refused(), mechanism: .scramSHA1Plus, bindingType: "tls-unique")
        XCTAssertTrue(
            unique.description.hasSuffix("type tls-unique, which the server may not support: try AUTH=SCRAM-SHA-1)"),
            unique.description)
    }

    func testPlusVariantWithoutChannelDataIsNotUsable() {
        XCTAssertThrowsError(try client(.scramSHA256Plus)) { error in
            XCTAssertEqual((error as? SASLError)?.kind, .mechanismNotUsable)
        }
    }
}
