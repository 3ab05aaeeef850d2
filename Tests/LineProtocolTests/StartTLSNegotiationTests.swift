import LineProtocol
import TLS
import Transport
import TransportFakes
import XCTest

/// The one STARTTLS sequence: order of events, nothing after a refusal, capabilities forgotten
/// and asked again after the handshake.
final class StartTLSNegotiationTests: XCTestCase {
    private final class FakePeer: StartTLSPeer {
        var offersStartTLS: Bool
        let answer: StartTLSAnswer
        var events: [String] = []
        init(offers: Bool, answer: StartTLSAnswer = .goAhead) {
            offersStartTLS = offers
            self.answer = answer
        }
        var startTLSCommand: String { "STARTTLS" }
        func requestUpgrade() throws -> StartTLSAnswer {
            events.append("request")
            return answer
        }
        func tlsEstablished(_ facts: TLSSessionFacts) { events.append("established \(facts.version.displayName)") }
        func forgetCapabilities() { events.append("forget") }
        func askCapabilities() throws { events.append("ask") }
    }

    static let facts = TLSSessionFacts(version: .tls1_3, cipherSuite: "TLS_AES_128_GCM_SHA256", serverName: "peer.test")

    private func upgrade(_ policy: StartTLSPolicy, log: @escaping (String) -> Void) -> TLSUpgrade {
        TLSUpgrade(policy: policy) { stream in
            try stream.upgrade { $0 }
            log("handshake")
            return Self.facts
        }
    }

    private func run(
        _ peer: FakePeer, _ policy: StartTLSPolicy, secure: Bool = false,
        stream: ByteStream = ByteStream(transport: DialogPeer([]))
    ) throws -> TLSSessionFacts? {
        try StartTLSNegotiation.run(
            peer, upgrade: upgrade(policy) { peer.events.append($0) }, stream: stream,
            trace: SilentTrace(), isSecure: secure)
    }

    func testGoAheadThenHandshakeThenCapabilitiesForgottenAndAskedAgain() throws {
        for policy in [StartTLSPolicy.ifOffered, .required] {
            let peer = FakePeer(offers: true)
            XCTAssertEqual(try run(peer, policy), Self.facts)
            XCTAssertEqual(peer.events, ["request", "handshake", "established TLS1.3", "forget", "ask"])
        }
    }

    func testRefusalEndsTheSessionUnderEveryPolicyWithItsCodeOnly() {
        for policy in [StartTLSPolicy.ifOffered, .required] {
            let peer = FakePeer(offers: true, answer: .refused(code: "454"))
            XCTAssertThrowsError(try run(peer, policy)) { error in
                XCTAssertEqual(
                    error as? TLSRequiredError,
                    TLSRequiredError(
                        "STARTTLS refused by the server (reply 454; -v shows its text); nothing else was sent"))
            }
            XCTAssertEqual(peer.events, ["request"], "nothing after the refusal")
        }
    }

    func testNotOfferedIsAnErrorOnlyWhenRequired() throws {
        let required = FakePeer(offers: false)
        XCTAssertThrowsError(try run(required, .required)) { XCTAssertTrue($0 is TLSRequiredError) }
        XCTAssertEqual(required.events, [])
        let optional = FakePeer(offers: false)
        XCTAssertNil(try run(optional, .ifOffered))
        XCTAssertEqual(optional.events, [])
    }

    func testAnUnknownCommandIsNotOfferedNotARefusal() throws {
        let optional = FakePeer(offers: true, answer: .notSupported(code: "502"))
        XCTAssertNil(try run(optional, .ifOffered))
        XCTAssertEqual(optional.events, ["request"], "plaintext goes on, nothing else happens")
        let required = FakePeer(offers: true, answer: .notSupported(code: "502"))
        XCTAssertThrowsError(try run(required, .required)) { XCTAssertTrue($0 is TLSRequiredError) }
    }

    func testNothingHappensWhenSecureOrNever() throws {
        let secure = FakePeer(offers: true)
        XCTAssertNil(try run(secure, .required, secure: true))
        let never = FakePeer(offers: true)
        XCTAssertNil(try run(never, .never))
        XCTAssertEqual(secure.events + never.events, [])
    }

    /// Bytes buffered after the go-ahead are refused by `ByteStream.upgrade`: no handshake, no
    /// capabilities asked.
    func testBytesBeforeTheHandshakeStopEverything() throws {
        let stream = ByteStream(transport: DialogPeer(["S: 220 go", "S: 250 injected"]))
        _ = try stream.readLine(maxLength: 100)
        let peer = FakePeer(offers: true)
        XCTAssertThrowsError(try run(peer, .required, stream: stream)) { XCTAssertTrue($0 is DataBeforeHandshakeError) }
        XCTAssertEqual(peer.events, ["request"])
    }

    func testCredentialsNeverCrossPlaintextUnlessAsked() {
        XCTAssertThrowsError(
            try LoginPreamble.requirePrivacy(
                isSecure: false, allowPlaintext: false,
                upgradeCommand: "STLS", secureScheme: "pop3s")
        ) { error in
            XCTAssertEqual(
                error as? TLSRequiredError,
                TLSRequiredError(
                    "refusing to send credentials over an unencrypted connection: the server offers no STLS "
                        + "(use pop3s://, or --no-ssl to send them in plaintext anyway)"))
        }
        XCTAssertNoThrow(
            try LoginPreamble.requirePrivacy(
                isSecure: true, allowPlaintext: false, upgradeCommand: "STLS", secureScheme: "pop3s"))
        XCTAssertNoThrow(
            try LoginPreamble.requirePrivacy(
                isSecure: false, allowPlaintext: true, upgradeCommand: "STLS", secureScheme: "pop3s"))
    }
}
