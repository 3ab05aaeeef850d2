import CLI
import Codec
import Foundation
import HTTPGet
import TransportFakes
import XCTest

@testable import IMAPFetch
@testable import POP3Retrieve
@testable import SMTPSend

/// `--json FILE`: the run report of a whole command run in-process, the dialog's bounds, and
/// each protocol's reading of its lines. Every document is validated against the schema.
final class RunReportTests: XCTestCase {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailtls-\(getpid())-\(UUID().uuidString)-\(name)"
        )
        .path
    }

    func testHTTPGetWritesTheDialogWithoutTheCredentials() throws {
        let server = ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        let path = temporaryPath("http.json")
        defer { unlink(path) }
        let (context, out, err) = fakeContext(
            ["-u", "alice:s3cret", "--json", path, "http://example.test:8080/a"], connector: FakeConnector(server))
        XCTAssertEqual(HTTPGetCommand.main(context), 0, String(decoding: err.bytes, as: UTF8.self))
        XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), "hello", "the report does not go to stdout")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(text.contains("s3cret"))
        XCTAssertFalse(text.contains(Base64.encode(Array("alice:s3cret".utf8))))
        XCTAssertFalse(text.contains("hello"), "no body in the report")
        let report = try SchemaCheck.validated(data)
        XCTAssertEqual(report["tool"] as? String, "http-get")
        let target = try XCTUnwrap(report["target"] as? [String: Any])
        XCTAssertEqual(target["host"] as? String, "example.test")
        XCTAssertEqual(target["port"] as? Int, 8080)
        XCTAssertEqual(report["mode"] as? String, "plaintext")
        let lines = try XCTUnwrap((report["dialog"] as? [String: Any])?["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.first?["text"] as? String, "GET /a HTTP/1.1")
        XCTAssertTrue(lines.contains { $0["text"] as? String == "Authorization: Basic <redacted>" }, "\(lines)")
        XCTAssertTrue(lines.contains { $0["code"] as? String == "200" && $0["direction"] as? String == "received" })
        XCTAssertEqual(report["greeting"] as? [String], [], "HTTP has no greeting")
        XCTAssertEqual(report["exitCode"] as? Int, 0)
    }

    func testAFailureBeforeConnectingIsReportedToStandardOutput() throws {
        let (context, out, _) = fakeContext(
            ["--json", "-", "gopher://example.test/"], connector: FakeConnector(ScriptedServer("")))
        XCTAssertEqual(HTTPGetCommand.main(context), 1)
        let report = try SchemaCheck.validated(Data(out.bytes))
        XCTAssertTrue(report["target"] is NSNull)
        XCTAssertEqual(report["exitCode"] as? Int, 1)
        let error = try XCTUnwrap(report["error"] as? [String: Any])
        XCTAssertEqual(error["curlCode"] as? Int, 1)
        XCTAssertTrue((error["message"] as? String)?.contains("gopher") ?? false, "\(error)")
    }

    func testNoReportWithoutTheOptionAndNoneForAnUnparsableCommandLine() {
        let (plain, out, _) = fakeContext(["gopher://example.test/"], connector: FakeConnector(ScriptedServer("")))
        XCTAssertEqual(HTTPGetCommand.main(plain), 1)
        XCTAssertTrue(out.bytes.isEmpty)
        XCTAssertFalse(plain.report.isEnabled)
        let (bad, badOut, _) = fakeContext(
            ["--json", "-", "--no-such-option", "http://example.test/"], connector: FakeConnector(ScriptedServer("")))
        XCTAssertEqual(HTTPGetCommand.main(bad), 2)
        XCTAssertTrue(badOut.bytes.isEmpty)
    }

    func testAReportThatCannotBeWrittenFailsTheRunWith23() {
        let server = ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        let (context, _, err) = fakeContext(
            ["--json", "/nonexistent/dir/r.json", "http://example.test/"], connector: FakeConnector(server))
        XCTAssertEqual(HTTPGetCommand.main(context), 23)
        XCTAssertTrue(String(decoding: err.bytes, as: UTF8.self).contains("/nonexistent/dir/r.json"))
    }

    func testTheDialogKeepsItsFirstAndLastLines() {
        var log = DialogLog()
        let total = DialogLog.headLimit + DialogLog.tailLimit + 500
        for i in 0..<total { log.append(.init(direction: .received, text: "line \(i)", code: nil)) }
        let lines = log.lines
        XCTAssertEqual(lines.count, DialogLog.headLimit + DialogLog.tailLimit)
        XCTAssertEqual(log.omitted, 500)
        XCTAssertEqual(lines.first?.text, "line 0")
        XCTAssertEqual(lines[DialogLog.headLimit].text, "line \(DialogLog.headLimit + 500)")
        XCTAssertEqual(lines.last?.text, "line \(total - 1)")
        log.append(.init(direction: .sent, text: String(repeating: "x", count: 10_000), code: nil))
        XCTAssertEqual(log.lines.last?.text.count, DialogLog.maxLineLength)
    }

    func testEachProtocolReadsItsReplyCodesAndLogin() {
        let smtp = SMTPReportDialect()
        XCTAssertEqual(smtp.replyCode("250-PIPELINING"), "250")
        XCTAssertEqual(smtp.replyCode("354 End data with <CR><LF>.<CR><LF>"), "354")
        XCTAssertNil(smtp.replyCode("25 short"))
        XCTAssertNil(smtp.replyCode("2500 long"))
        XCTAssertEqual(smtp.authentication("AUTH SCRAM-SHA-256 <redacted>"), "SCRAM-SHA-256")
        XCTAssertNil(smtp.authentication("MAIL FROM:<a@b>"))
        XCTAssertEqual(SMTPReportDialect.queueID(in: "250 2.0.0 Ok: queued as 4dQxyz1Hq"), "4dQxyz1Hq")
        XCTAssertEqual(SMTPReportDialect.queueID(in: "250 OK id=1rAbCd-0001aB-2x"), "1rAbCd-0001aB-2x")
        XCTAssertNil(SMTPReportDialect.queueID(in: "250 2.0.0 Ok"))
        let imap = IMAPReportDialect()
        XCTAssertEqual(imap.replyCode("A003 NO [AUTHENTICATIONFAILED] Authentication failed."), "NO")
        XCTAssertEqual(imap.replyCode("* OK [CAPABILITY IMAP4rev1] ready"), "OK")
        XCTAssertEqual(imap.replyCode("* BYE shutting down"), "BYE")
        XCTAssertEqual(imap.replyCode("+ "), "+")
        XCTAssertNil(imap.replyCode("* 3 FETCH (UID 7)"))
        XCTAssertNil(imap.replyCode("* CAPABILITY IMAP4rev1"))
        XCTAssertEqual(imap.authentication("A002 AUTHENTICATE PLAIN <redacted>"), "PLAIN")
        XCTAssertEqual(imap.authentication("A002 LOGIN alice <redacted>"), "LOGIN")
        XCTAssertNil(imap.authentication("A003 SELECT INBOX"))
        let pop = POP3ReportDialect()
        XCTAssertEqual(pop.replyCode("+OK Dovecot ready."), "+OK")
        XCTAssertEqual(pop.replyCode("-ERR [AUTH] Authentication failed."), "-ERR")
        XCTAssertNil(pop.replyCode("1 2048"))
        XCTAssertEqual(pop.authentication("AUTH CRAM-MD5"), "CRAM-MD5")
        XCTAssertEqual(pop.authentication("USER alice"), "USER")
        XCTAssertEqual(pop.authentication("APOP alice <redacted>"), "APOP")
        XCTAssertNil(pop.authentication("RETR 1"))
    }
}

/// Validates a report against schema/report-v1.json with python3's `jsonschema` (Draft 2020-12).
enum SchemaCheck {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/report-v1.json").path

    static func validated(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json,sys,jsonschema\n"
                + "v=jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))\n"
                + "e=[('/'.join(map(str,x.absolute_path))+': '+x.message) for x in v.iter_errors(json.load(sys.stdin))]\n"
                + "print('\\n'.join(e)); sys.exit(1 if e else 0)",
            schema,
        ]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let messages = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(
            process.terminationStatus, 0,
            "not valid against schema/report-v1.json:\n" + String(decoding: messages, as: UTF8.self)
                + String(decoding: data, as: UTF8.self), file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], file: file, line: line)
    }
}
