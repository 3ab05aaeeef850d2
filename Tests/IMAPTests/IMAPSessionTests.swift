import LineProtocol
import SASL
import TLS
import Transport
import TransportFakes
import XCTest

@testable import IMAP

/// IMAPSession against turn-based dialogs and endless peers (issue 10).
final class IMAPSessionTests: XCTestCase {
    private func session(_ transport: Transport, implicitTLS: Bool = false) -> IMAPSession {
        IMAPSession(stream: ByteStream(transport: transport), trace: SilentTrace(), implicitTLS: implicitTLS)
    }

    func testSTARTTLSThenCapabilityAskedAgain() throws {
        let peer = DialogPeer([
            "S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi", "C: A001 STARTTLS", "S: A001 OK go",
            "C: A002 CAPABILITY", "S: * CAPABILITY IMAP4rev1 AUTH=XOAUTH2", "S: A002 OK done",
        ])
        let imap = session(peer)
        try imap.open(tls: FakeTLS.upgrade(.required))
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
        XCTAssertEqual(imap.tlsFacts, FakeTLS.facts)
        XCTAssertFalse(imap.capabilities.startTLS)
    }

    /// Issue 10 (8): a `+` continuation is no answer to STARTTLS: a protocol error (8), not 64.
    func testContinuationAfterSTARTTLSIsAProtocolError() {
        let peer = DialogPeer(["S: * OK [CAPABILITY IMAP4rev1 STARTTLS] hi", "C: A001 STARTTLS", "S: + go on"])
        XCTAssertThrowsError(try session(peer).open(tls: FakeTLS.upgrade(.required))) { error in
            XCTAssertEqual((error as? IMAPError)?.kind, .unexpectedResponse, "\(error)")
        }
    }

    func testRefusalShowsOnlyTheStatus() {
        let peer = DialogPeer([
            "S: * OK [CAPABILITY IMAP4rev1 STARTTLS] hi", "C: A001 STARTTLS",
            "S: A001 NO [ALERT] re-enter your password at http://evil.test",
        ])
        XCTAssertThrowsError(try session(peer).open(tls: FakeTLS.upgrade(.ifOffered))) { error in
            XCTAssertTrue(error is TLSRequiredError, "\(error)")
            XCTAssertTrue("\(error)".contains("reply NO"), "\(error)")
            XCTAssertFalse("\(error)".contains("evil"), "\(error)")
        }
        XCTAssertEqual(peer.clientLines, ["A001 STARTTLS"])
    }

    /// Issue 10 (1): endless `* OK` lines during AUTHENTICATE or LOGIN end with an error after a
    /// bounded number, instead of recursing until the stack overflows.
    func testEndlessStatusResponsesDuringLoginAreBounded() {
        let greetings = [
            "* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] hi\r\n", "* OK [CAPABILITY IMAP4rev1] hi\r\n",
        ]
        for greeting in greetings {
            let server = EndlessServer(prefix: greeting, "* OK still thinking\r\n")
            let imap = session(server, implicitTLS: true)
            XCTAssertNoThrow(try imap.open(tls: FakeTLS.upgrade(.never)))
            let credentials = SASLCredentials(user: "user", password: "secret", bearerToken: "token")
            XCTAssertThrowsError(
                try imap.authenticate(
                    credentials: credentials, preference: .any, serverHost: "mx", serverPort: 993,
                    allowPlaintext: false)
            ) { error in
                XCTAssertEqual((error as? IMAPError)?.kind, .unexpectedResponse, "\(greeting): \(error)")
            }
            XCTAssertLessThan(server.delivered, 1024 * 1024)
        }
    }

    /// Untagged data without end (not only status responses) is bounded by count per command.
    func testEndlessUntaggedDataIsBoundedByCount() {
        let limits = IMAPLimits(maxUntaggedResponses: 1000)
        let endless = EndlessServer("* 1 EXISTS\r\n")
        let imap = IMAPSession(
            stream: ByteStream(transport: endless), trace: SilentTrace(), implicitTLS: true, limits: limits)
        XCTAssertThrowsError(try imap.run(.capability)) { error in
            XCTAssertEqual((error as? IMAPError)?.kind, .responseTooLong, "\(error)")
        }
        XCTAssertLessThan(endless.delivered, 1001 * 12 + ByteStream.defaultBufferSize)
    }

    /// A refused CAPABILITY (curl's test server): with no STARTTLS in play the session goes on
    /// without capabilities, hence LOGIN, and asks nothing more after it; under `--ssl` it is
    /// an error (what the server can do, STARTTLS included, is unknown).
    func testRefusedCapabilityWithoutSTARTTLSGoesOnToLogin() throws {
        for implicitTLS in [false, true] {
            let peer = DialogPeer([
                "S: * OK hi", "C: A001 CAPABILITY", "S: A001 BAD Command", "C: A002 LOGIN user secret",
                "S: A002 OK LOGIN completed", "C: A003 NOOP", "S: A003 OK done",
            ])
            let imap = session(peer, implicitTLS: implicitTLS)
            try imap.open(tls: FakeTLS.upgrade(implicitTLS ? .required : .never))
            try imap.authenticate(
                credentials: SASLCredentials(user: "user", password: "secret"), preference: .any,
                serverHost: "h", serverPort: 143, allowPlaintext: true)
            XCTAssertEqual(try imap.currentCapabilities(), IMAPCapabilities(), "not asked again")
            try imap.run(.noop)
            XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
        }
        let peer = DialogPeer(["S: * OK hi", "C: A001 CAPABILITY", "S: A001 BAD Command"])
        XCTAssertThrowsError(try session(peer).open(tls: FakeTLS.upgrade(.ifOffered))) { error in
            guard case .rejected(.capability, _)? = (error as? IMAPError)?.kind else {
                return XCTFail("\(error)")
            }
        }
    }

    /// After a login whose OK carries no capabilities, CAPABILITY is asked only when a step
    /// needs one, once; an OK that carries them saves the question.
    func testCapabilitiesAfterLoginAreAskedOnlyWhenNeeded() throws {
        let peer = DialogPeer([
            // LOGIN, not a SASL mechanism: Cyrus must not start in this process with one plugin
            // only (SASLClient.prepare), or the Cyrus tests that follow find no other.
            "S: * OK [CAPABILITY IMAP4rev1] hi", "C: A001 LOGIN user secret", "S: A001 OK done", "C: A002 CAPABILITY",
            "S: * CAPABILITY IMAP4rev1 UIDPLUS",
            "S: A002 OK done",
        ])
        let imap = session(peer)
        try imap.open(tls: FakeTLS.upgrade(.never))
        try imap.authenticate(
            credentials: SASLCredentials(user: "user", password: "secret"), preference: .any,
            serverHost: "h", serverPort: 143, allowPlaintext: true)
        XCTAssertTrue(try imap.currentCapabilities().uidPlus)
        XCTAssertTrue(try imap.currentCapabilities().uidPlus)
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
    }
}
