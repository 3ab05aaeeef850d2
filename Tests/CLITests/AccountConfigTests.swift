import Foundation
import XCTest

@testable import CLI
@testable import FTPTransfer
@testable import HTTPGet
@testable import IMAPFetch
@testable import LDAPSearch
@testable import POP3Retrieve
@testable import SMTPSend

/// `--config`/`--account`: which file and account apply, and that the command line wins;
/// `--passwordeval`; the permission rule for files that hold passwords.
final class AccountConfigTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    private let specs =
        OutputOptions.specs + ConnectionOptions.specs + ConfigOptions.specs + [
            OptionSpec("user", short: "u", argument: "USER", help: ""),
            OptionSpec("mail-rcpt", argument: "ADDRESS", help: ""),
        ]

    /// The options and URL a run with `arguments` ends up with, rendered "name=value".
    private func merged(_ arguments: [String], environment: [String: String] = [:]) throws -> [String] {
        let parsed = try OptionParser(specs: specs).parse(arguments)
        let context = ToolContext(
            arguments: arguments, environment: environment, standardOutput: MemorySink(),
            standardError: MemorySink())
        let result = try ConfigOptions.merge(parsed, specs: specs, context: context)
        return result.options.map { $0.name + ($0.value.map { "=" + $0 } ?? "") } + result.positionals
    }

    private let accounts = """
        max-time 30
        account home
        url imaps://home.example.test/
        user home
        account work
        url imaps://work.example.test/
        user work
        mail-rcpt a@work.example.test
        default home
        """

    func testFileOptionsComeFirstSoTheCommandLineWins() throws {
        let path = try write("cfg", accounts)
        XCTAssertEqual(
            try merged(["-K", path]), ["max-time=30", "user=home", "imaps://home.example.test/"], "the default account")
        XCTAssertEqual(
            try merged(["-K", path, "-a", "work", "-u", "me", "--mail-rcpt", "b@x", "-m", "5"]),
            [
                "max-time=30", "user=work", "mail-rcpt=a@work.example.test", "user=me", "mail-rcpt=b@x", "max-time=5",
                "imaps://work.example.test/",
            ])
        XCTAssertEqual(
            try merged(["--account", "work", "--config", path, "imaps://other.test/"]).last, "imaps://other.test/",
            "a URL on the command line replaces the account's")
        XCTAssertEqual(try merged(["-K", path, "--url", "imaps://u.test/"]).last, "imaps://u.test/")
    }

    /// The default account's user and password command are for its own server: a command line
    /// that names another server gets only the file's defaults, unless it names the account.
    func testACommandLineURLTakesNoDefaultAccount() throws {
        let path = try write("cfg", accounts)
        XCTAssertEqual(try merged(["-K", path, "imaps://other.test/"]), ["max-time=30", "imaps://other.test/"])
        XCTAssertEqual(
            try merged(["-K", path, "--url", "imaps://other.test/"]), ["max-time=30", "imaps://other.test/"])
        XCTAssertEqual(
            try merged(["-K", path, "-a", "home", "imaps://other.test/"]),
            ["max-time=30", "user=home", "imaps://other.test/"], "named: the account applies")
    }

    func testTheDefaultFileAndItsAbsence() throws {
        _ = try write("xdg/mailtls/config", accounts)
        let environment = ["XDG_CONFIG_HOME": directory.path + "/xdg", "HOME": "/nonexistent"]
        XCTAssertEqual(try merged(["-a", "work"], environment: environment).last, "imaps://work.example.test/")
        _ = try write("home/.config/mailtls/config", "account x\nverbose\naccount default : x")
        XCTAssertEqual(try merged([], environment: ["HOME": directory.path + "/home"]), ["verbose"])
        XCTAssertEqual(try merged(["-v"], environment: ["HOME": "/nonexistent"]), ["verbose"], "no file: no settings")
        XCTAssertEqual(try merged([], environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/nonexistent"]), [])
        XCTAssertEqual(
            try merged(["-K", "/dev/null"], environment: environment), [], "--config replaces the default file")
        XCTAssertThrowsError(try merged(["-a", "work"], environment: ["HOME": "/nonexistent"])) { error in
            XCTAssertEqual(
                error as? ToolError,
                ToolError(
                    .failedInit,
                    "option --account work: there is no config file (/nonexistent/.config/mailtls/config does not exist; give --config FILE)"
                ))
        }
    }

    func testBadFilesAndAccounts() throws {
        let path = try write("cfg", accounts)
        let cases: [([String], ToolError)] = [
            (
                ["-K", path, "-a", "play"],
                ToolError(.failedInit, "option --account: account play is not defined in \(path)")
            ),
            (
                ["-K", try write("d", "default nowhere\naccount x")],
                ToolError(.failedInit, "\(directory.path)/d:1: default account nowhere is not defined")
            ),
            (
                ["-K", directory.path + "/missing"],
                ToolError(.readError, "cannot read config file \(directory.path)/missing: No such file or directory")
            ),
            (["-K", directory.path], ToolError(.readError, "config file \(directory.path) is a directory")),
            (
                ["-K", try write("big", String(repeating: "#", count: SecretFile.maxBytes + 1))],
                ToolError(.readError, "config file \(directory.path)/big is larger than 1 MiB")
            ),
        ]
        for (arguments, expected) in cases {
            XCTAssertThrowsError(try merged(arguments), "\(arguments)") { error in
                XCTAssertEqual(error as? ToolError, expected)
            }
        }
    }

    func testAFileWithAPasswordMustBePrivate() throws {
        let open = try write("open", "account a\nuser alice:s3cret", mode: 0o640)
        XCTAssertThrowsError(try merged(["-K", open])) { error in
            XCTAssertEqual(
                error as? ToolError,
                ToolError(
                    .failedInit,
                    "config file \(open) holds a password and other users have access to it: run chmod 600 \(open)"))
        }
        let readable = try write("readable", "user alice\npasswordeval echo x", mode: 0o644)
        XCTAssertEqual(try merged(["-K", readable]), ["user=alice"], "no password in it: any mode will do")
        XCTAssertEqual(
            try merged(["-K", try write("private", "user alice:s3cret", mode: 0o600)]), ["user=alice:s3cret"])

        let netrc = try write("netrc", "machine h login a password s3cret", mode: 0o604)
        XCTAssertTrue(try Netrc(parsing: "machine h login a password s3cret").holdsPasswords)
        XCTAssertFalse(try Netrc(parsing: "machine h login a").holdsPasswords)
        XCTAssertThrowsError(try SecretFile.requirePrivate(netrc, mode: 0o604, what: "netrc file"))
    }

    func testPasswordCommand() throws {
        XCTAssertEqual(
            try PasswordCommand(#"printf 'p@ss w0rd "\\%%;é$&!\r\nsecond line\n'"#).run(), #"p@ss w0rd "\%;é$&!"#)
        XCTAssertEqual(try PasswordCommand("printf nonewline").run(), "nonewline")
        XCTAssertEqual(try PasswordCommand("cat; echo fromstdin").run(), "fromstdin", "stdin is /dev/null")
        let failures: [(String, String)] = [
            ("yes", "passwordeval: the command printed more than 64 KiB"),
            ("echo s3cret; exit 3", "passwordeval: the command exited with status 3"),
            ("true", "passwordeval: the command printed no password"),
            ("echo; echo s3cret", "passwordeval: the command printed no password"),
            ("kill -9 $$", "passwordeval: the command was killed by signal 9"),
        ]
        for (command, message) in failures {
            XCTAssertThrowsError(try PasswordCommand(command).run(), command) { error in
                XCTAssertEqual(error as? ToolError, ToolError(.failedInit, message))
            }
        }
        let prompt = FakePasswordPrompt(answer: "typed")
        XCTAssertEqual(try PasswordCommand.hostPassword(user: "a", command: "echo run", prompt: prompt), "run")
        XCTAssertEqual(prompt.prompts, [], "the command replaces the prompt")
        XCTAssertEqual(try PasswordCommand.hostPassword(user: "a", command: nil, prompt: prompt), "typed")
    }

    /// A key of any tool is accepted by every tool's config; so every tool's options are listed.
    func testConfigKeysListEveryToolsOptions() {
        let runners = [
            HTTPGetCommand.runner, SMTPSendCommand.runner, IMAPFetchCommand.runner, POP3RetrieveCommand.runner,
            FTPTransferCommand.runner, LDAPSearchCommand.runner,
        ]
        // Not settings but what a run does (or which interface it has): never from a file.
        // `next` separates the command line's option sets.
        let fileOnly: Set = ["help", "version", "config", "account", "flush-queue", "sendmail", "next"]
        var every: Set<String> = []
        for runner in runners {
            let names = Set(runner.specs.map(\.long)).subtracting(fileOnly)
            XCTAssertEqual(
                names.subtracting(ConfigKeys.all).sorted(), [], "\(runner.name): options missing from ConfigKeys")
            every.formUnion(names)
        }
        // tls-min is a file-only alias; queue is smtp-send's (sendmail mode) once it has the option.
        XCTAssertEqual(
            ConfigKeys.all.subtracting(every).subtracting(["queue", "tls-min"]).sorted(), [], "keys no tool knows")
    }
}
