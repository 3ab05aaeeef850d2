import ExitCode
import LineProtocol
import TLS
import Transport
import TransportFakes
import XCTest

@testable import FTP

final class FTPSessionTests: XCTestCase {
    private func session(_ dialog: [String], implicitTLS: Bool = false) -> (FTPSession, DialogPeer) {
        let peer = DialogPeer(dialog)
        return (FTPSession(stream: ByteStream(transport: peer), trace: SilentTrace(), implicitTLS: implicitTLS), peer)
    }

    private func code(_ error: Error) -> Int32? { (error as? CurlCodeError)?.curlCode.rawValue }

    private let featWithTLS = ["C: FEAT", "S: 211-Features:", "S:  AUTH TLS", "S:  PBSZ", "S:  PROT", "S: 211 End"]

    func testAuthTLSThenFEATAgainThenLoginAndProtection() throws {
        let (session, peer) = session(
            ["S: 220 hi"] + featWithTLS + ["C: AUTH TLS", "S: 234 go"]
                + ["C: FEAT", "S: 211-Features:", "S:  EPSV", "S:  SIZE", "S: 211 End"]
                + ["C: USER anonymous", "S: 331 pass?", "C: PASS ftp@example.com", "S: 230 in"]
                + ["C: PBSZ 0", "S: 200 ok", "C: PROT P", "S: 200 ok"])
        try session.open(tls: FakeTLS.upgrade(.ifOffered))
        XCTAssertTrue(session.isSecure)
        XCTAssertFalse(session.features.authTLS, "features learned in plaintext are forgotten")
        XCTAssertTrue(session.features.epsv)
        try session.login(user: "anonymous", password: "ftp@example.com")
        try session.protectData(required: true)
        XCTAssertTrue(session.protectsData)
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
    }

    func testBytesAfterThe234AreRefused() {
        let (session, _) = session(["S: 220 hi"] + featWithTLS + ["C: AUTH TLS", "S: 234 go", "S: 230 injected"])
        XCTAssertThrowsError(try session.open(tls: FakeTLS.upgrade(.ifOffered))) { error in
            XCTAssertTrue(error is DataBeforeHandshakeError, "\(error)")
            XCTAssertEqual(self.code(error), 8)
        }
    }

    func testARefusalAfterAPositiveFEATIs64EvenUnderSSL() {
        let (session, _) = session(["S: 220 hi"] + featWithTLS + ["C: AUTH TLS", "S: 502 no"])
        XCTAssertThrowsError(try session.open(tls: FakeTLS.upgrade(.ifOffered))) { XCTAssertEqual(self.code($0), 64) }
    }

    func testUnknownAuthWithoutFEATFallsBackUnderSSLOnly() throws {
        let dialog = ["S: 220 hi", "C: FEAT", "S: 500 what?", "C: AUTH TLS", "S: 500 what?"]
        let (plain, peer) = session(dialog)
        try plain.open(tls: FakeTLS.upgrade(.ifOffered))
        XCTAssertFalse(plain.isSecure)
        XCTAssertTrue(peer.isComplete)
        let (required, _) = session(dialog)
        XCTAssertThrowsError(try required.open(tls: FakeTLS.upgrade(.required))) { XCTAssertEqual(self.code($0), 64) }
    }

    func testNoAuthTLSInFEATIs64UnderSSLReqdWithoutSendingIt() {
        let (session, peer) = session(["S: 220 hi", "C: FEAT", "S: 211-Features:", "S:  EPSV", "S: 211 End"])
        XCTAssertThrowsError(try session.open(tls: FakeTLS.upgrade(.required))) { XCTAssertEqual(self.code($0), 64) }
        XCTAssertEqual(peer.clientLines, ["FEAT"])
    }

    func testRefusedPROTIs64WhenRequiredAndClearDataOtherwise() throws {
        let dialog = ["S: 220 hi", "C: FEAT", "S: 211 none", "C: PBSZ 0", "S: 200 ok", "C: PROT P", "S: 536 no"]
        let (required, _) = session(dialog, implicitTLS: true)
        try required.open(tls: FakeTLS.upgrade(.never))
        XCTAssertThrowsError(try required.protectData(required: true)) { XCTAssertEqual(self.code($0), 64) }
        let (optional, _) = session(dialog, implicitTLS: true)
        try optional.open(tls: FakeTLS.upgrade(.never))
        try optional.protectData(required: false)
        XCTAssertFalse(optional.protectsData)
    }

    func testLoginRefusalIs67AndCWDRefusalIs9() throws {
        let (login, _) = session(
            ["S: 220 hi", "C: FEAT", "S: 211 none", "C: USER u", "S: 331 p", "C: PASS p", "S: 530 no"])
        try login.open(tls: FakeTLS.upgrade(.never))
        XCTAssertThrowsError(try login.login(user: "u", password: "p")) { XCTAssertEqual(self.code($0), 67) }
        let (cwd, _) = session([
            "S: 220 hi", "C: FEAT", "S: 211 none", "C: CWD a", "S: 250 ok", "C: CWD b", "S: 550 no",
        ])
        try cwd.open(tls: FakeTLS.upgrade(.never))
        XCTAssertThrowsError(try cwd.changeDirectories(["a", "b"], create: false)) { XCTAssertEqual(self.code($0), 9) }
    }

    func testCreateDirsMakesAMissingDirectory() throws {
        let (session, peer) = session(
            ["S: 220 hi", "C: FEAT", "S: 211 none", "C: CWD new", "S: 550 no", "C: MKD new", "S: 257 made"]
                + ["C: CWD new", "S: 250 ok"])
        try session.open(tls: FakeTLS.upgrade(.never))
        try session.changeDirectories(["new"], create: true)
        XCTAssertTrue(peer.isComplete)
    }

    func testQuoteFailureIs21UnlessStarred() throws {
        let (session, _) = session(
            ["S: 220 hi", "C: FEAT", "S: 211 none", "C: NOOP x", "S: 500 no", "C: SITE y", "S: 550 no"])
        try session.open(tls: FakeTLS.upgrade(.never))
        try session.quote("*NOOP x")
        XCTAssertThrowsError(try session.quote("SITE y")) { XCTAssertEqual(self.code($0), 21) }
    }

    func testEPSVRefusedFallsBackToPASVAndBothRefusedIs13() throws {
        let (fallback, _) = session(
            ["S: 220 hi", "C: FEAT", "S: 211 none", "C: EPSV", "S: 500 no", "C: PASV", "S: 227 ok (127,0,0,1,4,1)"])
        try fallback.open(tls: FakeTLS.upgrade(.never))
        XCTAssertEqual(try fallback.passiveAddress(FTPPassiveMode()), FTPPassiveAddress(host: "127.0.0.1", port: 1025))
        let (refused, _) = session(["S: 220 hi", "C: FEAT", "S: 211 none", "C: PASV", "S: 502 no"])
        try refused.open(tls: FakeTLS.upgrade(.never))
        XCTAssertThrowsError(try refused.passiveAddress(FTPPassiveMode(tryEPSV: false))) {
            XCTAssertEqual(self.code($0), 13)
        }
    }

    func testTooManyPreliminaryRepliesAreBounded() throws {
        let (session, _) = session(["S: 220 hi", "C: FEAT"] + Array(repeating: "S: 150 wait", count: 40))
        XCTAssertThrowsError(try session.open(tls: FakeTLS.upgrade(.never))) { XCTAssertEqual(self.code($0), 8) }
    }
}

/// A TLS connection over a dialog, for what CCC does to the session: fixed facts and
/// resumption bytes; `shutdownTLS` hands back the dialog.
private final class FakeTLSConnection: TLSConnection {
    let underlying: DialogPeer
    init(_ underlying: DialogPeer) { self.underlying = underlying }
    var facts: TLSSessionFacts { FakeTLS.facts }
    var channelBinding: (type: String, data: [UInt8])? { nil }
    func resumptionData() -> TLSResumptionData? { TLSResumptionData(bytes: [1, 2, 3]) }
    func shutdownTLS(deadline: Deadline) throws -> Transport { underlying }
    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        try underlying.receive(into: buffer, deadline: deadline)
    }
    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        try underlying.send(bytes, deadline: deadline)
    }
    func waitForInput(milliseconds: Int32) -> Bool { underlying.waitForInput(milliseconds: milliseconds) }
    func close() { underlying.close() }
    var peerName: String { underlying.peerName }
}

final class FTPSessionCCCTests: XCTestCase {
    /// After CCC the control connection is plaintext, but the data connections still resume its
    /// TLS session (a server with require_ssl_reuse refuses them otherwise), and its facts stay
    /// reachable.
    func testCCCKeepsTheResumptionDataAndTheControlFacts() throws {
        let peer = DialogPeer([
            "S: 220 hi", "C: FEAT", "S: 211 none", "C: PBSZ 0", "S: 200 ok", "C: PROT P", "S: 200 ok",
            "C: CCC", "S: 200 cleared",
        ])
        let session = FTPSession(
            stream: ByteStream(transport: FakeTLSConnection(peer)), trace: SilentTrace(), implicitTLS: true)
        try session.open(tls: FakeTLS.upgrade(.never))
        try session.protectData(required: true)
        XCTAssertEqual(session.resumption, TLSResumptionData(bytes: [1, 2, 3]))
        try session.clearCommandChannel()
        XCTAssertTrue(peer.isComplete, peer.unexpected ?? "")
        XCTAssertEqual(session.resumption, TLSResumptionData(bytes: [1, 2, 3]), "data connections still resume")
        XCTAssertEqual(session.controlTLSFacts, FakeTLS.facts, "the control connection's facts stay reachable")
        XCTAssertTrue(session.protectsData)
    }
}
