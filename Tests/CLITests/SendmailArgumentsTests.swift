import CLI
import XCTest

@testable import SMTPSend

/// sendmail's command line, translated into smtp-send's own options.
final class SendmailArgumentsTests: XCTestCase {
    private let specs = SMTPSendCommand.runner.specs

    private func translate(_ arguments: [String]) throws -> [String] {
        try SendmailArguments.translate(arguments, specs: specs)
    }

    func testInvocationNameOrFlagSelectsTheMode() {
        XCTAssertTrue(SendmailArguments.isRequested(programName: "/usr/sbin/sendmail", arguments: []))
        XCTAssertTrue(SendmailArguments.isRequested(programName: "sendmail", arguments: ["-t"]))
        XCTAssertTrue(SendmailArguments.isRequested(programName: "smtp-send", arguments: ["--sendmail", "-t"]))
        XCTAssertFalse(SendmailArguments.isRequested(programName: "/usr/bin/smtp-send", arguments: ["-t"]))
        XCTAssertFalse(SendmailArguments.isRequested(programName: "sendmail.real", arguments: []))
        XCTAssertFalse(SendmailArguments.isRequested(programName: "smtp-send", arguments: ["--", "--sendmail"]))
    }

    func testTable() throws {
        let cases: [([String], [String])] = [
            (["-t", "-i"], ["--add-from", "--read-recipients"]),
            (["-ti"], ["--add-from", "--read-recipients"]),
            (
                ["-oi", "-f", "a@x.example", "b@y.example"],
                ["--add-from", "--mail-from", "a@x.example", "--mail-rcpt", "b@y.example"]
            ),
            (
                ["-fa@x.example", "b@y.example", "c@y.example"],
                [
                    "--add-from", "--mail-from", "a@x.example", "--mail-rcpt", "b@y.example", "--mail-rcpt",
                    "c@y.example",
                ]
            ),
            (
                ["-r", "a@x.example", "-F", "Jane Doe", "b@y.example"],
                ["--add-from", "--mail-from", "a@x.example", "--from-name", "Jane Doe", "--mail-rcpt", "b@y.example"]
            ),
            (
                ["-FJane", "-bm", "-odi", "-oem", "-O", "DeliveryMode=b", "-B", "8BITMIME", "-G", "-n", "-v", "b@y"],
                ["--add-from", "--from-name", "Jane", "--verbose", "--mail-rcpt", "b@y"]
            ),
            // smtp-send's own long options and the URL before sendmail's pass through.
            (
                ["--cacert", "ca.pem", "--ssl-reqd", "smtp://mx.example:587/", "-t"],
                ["--add-from", "--cacert", "ca.pem", "--ssl-reqd", "smtp://mx.example:587/", "--read-recipients"]
            ),
            (
                ["--url", "smtps://mx.example/", "--queue", "/q", "b@y"],
                ["--add-from", "smtps://mx.example/", "--queue", "/q", "--mail-rcpt", "b@y"]
            ),
            // The accounts' options flow into the parser even where it does not know them yet.
            (
                ["--config", "/etc/mailtls.conf", "--account", "work", "-t"],
                ["--add-from", "--config", "/etc/mailtls.conf", "--account", "work", "--read-recipients"]
            ),
            (
                ["-C", "c.conf", "-a", "work", "-K", "k.conf"],
                ["--add-from", "--config", "c.conf", "--account", "work", "--config", "k.conf"]
            ),
            (["--sendmail", "-q", "--queue", "/q"], ["--add-from", "--flush-queue", "--queue", "/q"]),
            // After --, everything is a recipient; a URL after a recipient is one too.
            (["--", "-t", "b@y"], ["--add-from", "--mail-rcpt", "-t", "--mail-rcpt", "b@y"]),
            (["b@y", "smtp://x"], ["--add-from", "--mail-rcpt", "b@y", "--mail-rcpt", "smtp://x"]),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(try translate(input), expected, "\(input)")
        }
    }

    func testOtherOperationModesAreRefused() {
        for mode in ["-bs", "-bp", "-bd", "-bv", "-bi", "-b"] {
            XCTAssertThrowsError(try translate([mode]), mode) { error in
                XCTAssertEqual((error as? ToolError)?.curlCode, .failedInit, mode)
            }
        }
    }

    func testUnknownLetterAndMissingArgument() {
        XCTAssertThrowsError(try translate(["-Z"]))
        XCTAssertThrowsError(try translate(["-f"]))
        XCTAssertThrowsError(try translate(["--cacert"]))
    }

    func testTheTranslationParses() throws {
        let parsed = try OptionParser(specs: specs).parse(
            try translate(["smtp://mx.example/", "-t", "-i", "-f", "a@x.example", "-F", "A", "b@y.example"]))
        XCTAssertEqual(parsed.positionals, ["smtp://mx.example/"])
        XCTAssertEqual(
            parsed.options.map(\.name), ["add-from", "read-recipients", "mail-from", "from-name", "mail-rcpt"])
    }
}
