import CLI
import XCTest

@testable import SMTPSend

/// The block before each queued message: where it goes, in a versioned, line-based format.
final class QueueEntryHeaderTests: XCTestCase {
    func testEncodedForm() {
        let header = QueueEntryHeader(
            arguments: ["smtp://mx.example:587/", "--ssl-reqd", "--login-options", "AUTH=PLAIN"],
            sender: "a@x.example", recipients: ["b@y.example", "c@y.example"])
        XCTAssertEqual(
            String(decoding: header.encoded(), as: UTF8.self),
            "mailtls-queue 1\narg smtp://mx.example:587/\narg --ssl-reqd\narg --login-options\narg AUTH=PLAIN\n"
                + "from a@x.example\nrcpt b@y.example\nrcpt c@y.example\n\n")
    }

    func testRoundTripWithAwkwardValues() throws {
        let header = QueueEntryHeader(
            arguments: ["smtp://h/", "line\nbreak", "100%", "tab\there", "ünï"], sender: "",
            recipients: ["\"a b\"@y.example"])
        let bytes = header.encoded() + Array("From: a\r\n\r\nbody\r\n".utf8)
        let (parsed, offset) = try QueueEntryHeader.parse(bytes)
        XCTAssertEqual(parsed, header)
        XCTAssertEqual(String(decoding: bytes[offset...], as: UTF8.self), "From: a\r\n\r\nbody\r\n")
        XCTAssertFalse(String(decoding: header.encoded(), as: UTF8.self).contains("line\nbreak"))
    }

    func testRefusedBlocks() {
        let bad: [(String, QueueEntryError.Kind)] = [
            ("", .malformed),
            ("From: a\r\n\r\nbody", .malformed),
            ("mailtls-queue 2\nfrom a\n\n", .newerVersion),
            ("mailtls-queue 1\narg x\nrcpt b\n\n", .malformed),  // no sender line
            ("mailtls-queue 1\nfrom a\nrcpt b\n", .malformed),  // no end
            ("mailtls-queue 1\nfrom a\nuser secret\n\n", .malformed),  // unknown line
            ("mailtls-queue 1\nfrom a%2\n\n", .malformed),  // bad escape
        ]
        for (text, kind) in bad {
            XCTAssertThrowsError(try QueueEntryHeader.parse(Array(text.utf8)), text) { error in
                XCTAssertEqual((error as? QueueEntryError)?.kind, kind, text)
                XCTAssertEqual((error as? QueueEntryError)?.curlCode, .readError, text)
            }
        }
    }

    func testStoredArgumentsKeepNoSecret() throws {
        let specs = SMTPSendCommand.runner.specs
        let parsed = try OptionParser(specs: specs).parse([
            "-u", "alice:secret", "--pass", "pw", "--oauth2-bearer", "tok", "--cert", "c.pem:pw", "-v",
            "--ssl-reqd", "--cacert", "ca.pem", "--mail-from", "a@x", "--mail-rcpt", "b@y", "--queue", "/q", "-t",
            "--no-ssl", "--mail-rcpt-allowfails",
        ])
        XCTAssertEqual(
            QueueArguments.make(url: "smtp://alice:secret@mx.example:587/", options: parsed.options),
            [
                "smtp://alice@mx.example:587/", "--ssl-reqd", "--cacert", "ca.pem", "--no-ssl",
                "--mail-rcpt-allowfails",
            ])
    }

    func testPasswordLeavesTheURL() {
        let cases = [
            ("smtp://u:p@h/", "smtp://u@h/"), ("smtp://u@h/", "smtp://u@h/"), ("smtp://h:25/", "smtp://h:25/"),
            ("smtps://u%40x:p:q@h:465", "smtps://u%40x@h:465"), ("smtp://h/a:b@c", "smtp://h/a:b@c"),
            ("mx.example", "mx.example"),
        ]
        for (input, expected) in cases { XCTAssertEqual(QueueArguments.withoutPassword(input), expected, input) }
    }

    func testAddedFromField() {
        XCTAssertEqual(
            String(decoding: AddedFromField.line(address: "a@x", fullName: nil), as: UTF8.self), "From: a@x\r\n")
        XCTAssertEqual(
            String(decoding: AddedFromField.line(address: "a@x", fullName: "Jane \"J\" Doe\r\nBcc: x"), as: UTF8.self),
            "From: \"Jane \\\"J\\\" DoeBcc: x\" <a@x>\r\n")
    }
}
