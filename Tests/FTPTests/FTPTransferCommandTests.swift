import CLI
import Foundation
import TLS
import Transport
import TransportFakes
import XCTest

@testable import FTPTransfer

/// The control connection first, then one data connection per transfer, recording each target.
final class SequenceConnector: Connector, @unchecked Sendable {
    private var transports: [Transport]
    private(set) var connections: [String] = []

    init(_ transports: [Transport]) { self.transports = transports }

    func connect(
        host: String, port: UInt16, family: AddressFamilyPreference, deadline: Deadline, trace: Trace
    ) throws -> Transport {
        connections.append("\(host):\(port)")
        guard !transports.isEmpty else { throw TransportError(.connect, "no more scripted connections") }
        return transports.removeFirst()
    }
}

/// A prompt with nobody at the terminal: tests never wait for a person.
struct NobodyToAsk: PasswordPrompt {
    func read(prompt: String) -> String? { nil }
}

final class FTPTransferCommandTests: XCTestCase {
    private let anonymousLogin = [
        "S: 220 hi", "C: FEAT", "S: 500 unknown", "C: AUTH TLS", "S: 500 unknown",
        "C: USER anonymous", "S: 331 pass", "C: PASS ftp@example.com", "S: 230 in",
    ]

    private func run(
        _ arguments: [String], _ transports: [Transport]
    ) -> (Int32, SequenceConnector, MemorySink, MemorySink) {
        let connector = SequenceConnector(transports)
        let out = MemorySink(), err = MemorySink()
        var context = ToolContext(arguments: arguments, environment: [:], standardOutput: out, standardError: err)
        context.connector = connector
        context.passwordPrompt = NobodyToAsk()
        return (FTPTransferCommand.main(context), connector, out, err)
    }

    func testDownloadIgnoresThePASVAddressAndChecksTheSize() throws {
        let control = DialogPeer(
            anonymousLogin + [
                "C: CWD pub", "S: 250 ok", "C: TYPE I", "S: 200 ok", "C: SIZE f.txt", "S: 213 5",
                "C: PASV", "S: 227 Entering Passive Mode (10,9,8,7,4,1)", "C: RETR f.txt", "S: 150 here",
                "S: 226 done", "C: QUIT", "S: 221 bye",
            ])
        let (status, connector, out, err) = run(
            ["--disable-epsv", "ftp://127.0.0.1:2121/pub/f.txt"], [control, ScriptedServer("hello")])
        XCTAssertEqual(status, 0, err.text + (control.unexpected ?? ""))
        XCTAssertEqual(out.text, "hello")
        XCTAssertEqual(connector.connections, ["127.0.0.1:2121", "127.0.0.1:1025"])
    }

    func testADataConnectionClosingEarlyLeavesNoFileUnderTheTargetName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ftp-\(getpid())-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.bin").path
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: SIZE big", "S: 213 100", "C: EPSV",
                "S: 229 Entering Extended Passive Mode (|||2000|)", "C: RETR big", "S: 150 here", "S: 226 done",
            ])
        let (status, _, _, err) = run(["-o", target, "ftp://127.0.0.1/big"], [control, ScriptedServer("short")])
        XCTAssertEqual(status, 18, err.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    func testAMissingFileIs78() {
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: SIZE nope", "S: 550 no", "C: EPSV",
                "S: 229 Entering Extended Passive Mode (|||2000|)", "C: RETR nope", "S: 550 no such file",
            ])
        let (status, _, _, err) = run(["ftp://127.0.0.1/nope"], [control, ScriptedServer("")])
        XCTAssertEqual(status, 78, err.text)
    }

    func testARefusedUploadIs25() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ftp-up-\(getpid())").path
        try Data("data".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: EPSV", "S: 229 Entering Extended Passive Mode (|||2000|)",
                "C: STOR up.txt", "S: 553 not allowed",
            ])
        let (status, _, _, err) = run(["-T", file, "ftp://127.0.0.1/up.txt"], [control, ScriptedServer("")])
        XCTAssertEqual(status, 25, err.text)
    }

    func testCredentialsAreNotSentInPlaintextWithoutNoSSL() {
        let control = DialogPeer(Array(anonymousLogin.prefix(5)))
        let (status, _, _, _) = run(["-u", "bob:secret", "ftp://127.0.0.1/f"], [control])
        XCTAssertEqual(status, 64)
        XCTAssertFalse(control.clientLines.contains { $0.hasPrefix("USER") || $0.hasPrefix("PASS") })
    }

    private func temporaryFile(_ contents: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ftp-\(getpid())-\(UUID())").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func testAnUploadResumedAtAHugeServerSizeIs36NotACrash() throws {
        let file = try temporaryFile("data")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let control = DialogPeer(
            anonymousLogin + ["C: TYPE I", "S: 200 ok", "C: SIZE up.txt", "S: 213 18446744073709551615"])
        let (status, _, _, err) = run(["-C", "-", "-T", file, "ftp://127.0.0.1/up.txt"], [control])
        XCTAssertEqual(status, 36, err.text)
        XCTAssertFalse(control.clientLines.contains { $0.hasPrefix("APPE") })
    }

    func testADownloadLongerThanItsSIZEStopsThere() throws {
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: SIZE f", "S: 213 5", "C: EPSV",
                "S: 229 Entering Extended Passive Mode (|||2000|)", "C: RETR f", "S: 150 here", "S: 226 done",
            ])
        let (status, _, _, err) = run(["ftp://127.0.0.1/f"], [control, EndlessServer("endless data ")])
        XCTAssertEqual(status, 18, err.text)
    }

    func testARangeCutShortByTheServerIs18WhenTheSizeSaysMoreWasThere() throws {
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: SIZE f", "S: 213 100", "C: REST 10", "S: 350 ok", "C: EPSV",
                "S: 229 Entering Extended Passive Mode (|||2000|)", "C: RETR f", "S: 150 here", "S: 226 done",
            ])
        let (status, _, _, err) = run(["-r", "10-59", "ftp://127.0.0.1/f"], [control, ScriptedServer("short")])
        XCTAssertEqual(status, 18, err.text)
    }

    func testAnImmediateFinalReplyToRETRIsNotWaitedForTwice() throws {
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: SIZE empty", "S: 213 0", "C: EPSV",
                "S: 229 Entering Extended Passive Mode (|||2000|)", "C: RETR empty", "S: 226 nothing to send",
                "C: QUIT", "S: 221 bye",
            ])
        let (status, _, out, err) = run(["ftp://127.0.0.1/empty"], [control, ScriptedServer("")])
        XCTAssertEqual(status, 0, err.text + (control.unexpected ?? ""))
        XCTAssertEqual(out.text, "")
        XCTAssertTrue(control.isComplete, control.unexpected ?? "")
    }

    func testAnUploadAnsweredWithAFinalReplyBeforeAnyDataIs25() throws {
        let file = try temporaryFile("data")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let control = DialogPeer(
            anonymousLogin + [
                "C: TYPE I", "S: 200 ok", "C: EPSV", "S: 229 Entering Extended Passive Mode (|||2000|)",
                "C: STOR up.txt", "S: 226 stored, or so it says",
            ])
        let (status, _, _, err) = run(["-T", file, "ftp://127.0.0.1/up.txt"], [control, ScriptedServer("")])
        XCTAssertEqual(status, 25, err.text)
    }

    /// curl's -Q prefixes: "-" after the transfer, "+" after the directory changes, just
    /// before it; neither prefix is sent.
    func testQuotePrefixesRunBeforeAndAfterTheTransferAsInCurl() throws {
        let control = DialogPeer(
            anonymousLogin + [
                "C: NOOP first", "S: 200 ok", "C: CWD pub", "S: 250 ok", "C: SITE before", "S: 200 ok",
                "C: TYPE I", "S: 200 ok", "C: SIZE f", "S: 213 5", "C: EPSV",
                "S: 229 Entering Extended Passive Mode (|||2000|)", "C: RETR f", "S: 150 here", "S: 226 done",
                "C: DELE f", "S: 250 deleted", "C: QUIT", "S: 221 bye",
            ])
        let (status, _, out, err) = run(
            ["-Q", "-DELE f", "-Q", "+SITE before", "-Q", "NOOP first", "ftp://127.0.0.1/pub/f"],
            [control, ScriptedServer("hello")])
        XCTAssertEqual(status, 0, err.text + (control.unexpected ?? ""))
        XCTAssertEqual(out.text, "hello")
        XCTAssertTrue(control.isComplete, control.unexpected ?? "")
    }

    func testCRLFInAQuoteOrAURLUserIsRefusedBeforeItIsSent() throws {
        let quoted = DialogPeer(anonymousLogin)
        let (status, _, _, err) = run(["-Q", "NOOP\r\nDELE x", "ftp://127.0.0.1/f"], [quoted])
        XCTAssertEqual(status, 3, err.text)
        XCTAssertEqual(quoted.clientLines.last, "PASS ftp@example.com")
        let login = DialogPeer(Array(anonymousLogin.prefix(5)))
        let (userStatus, _, _, userErr) = run(["--no-ssl", "ftp://bob%0D%0ADELE%20x:pw@127.0.0.1/f"], [login])
        XCTAssertEqual(userStatus, 3, userErr.text)
        XCTAssertFalse(login.clientLines.contains { $0.hasPrefix("USER") || $0.hasPrefix("DELE") })
    }

    /// `-u user` without a password asks for it (curl does) instead of sending an empty PASS;
    /// with nobody to ask it is a usage error before anything is sent.
    func testAUserWithoutAPasswordIsAskedForIt() throws {
        struct Answer: PasswordPrompt {
            let text: String?
            func read(prompt: String) -> String? { text }
        }
        var options = FTPOptions()
        options.user = "alice"
        let login = try options.login(urlUser: nil, urlPassword: nil, prompt: Answer(text: "s3cret"))
        XCTAssertEqual(login.user, "alice")
        XCTAssertEqual(login.password, "s3cret")
        XCTAssertFalse(login.anonymous)
        XCTAssertThrowsError(try options.login(urlUser: nil, urlPassword: nil, prompt: Answer(text: nil)))
        let (status, connector, _, _) = run(["-u", "alice", "ftp://127.0.0.1/x"], [])
        XCTAssertEqual(status, 2)
        XCTAssertEqual(connector.connections, [], "nothing is sent without the password")
    }
}
