import XCTest

@testable import CLI

/// The config file's grammar (curl's `-K` lines, msmtp's accounts) and its limits.
final class ConfigFileTests: XCTestCase {
    private func file(_ text: String) throws -> ConfigFile {
        try ConfigFile(parsing: Array(text.utf8), name: "cfg")
    }

    private func settings(_ text: String) throws -> [String] {
        try file(text).defaults.map { $0.key + ($0.value.map { "=" + $0 } ?? "") }
    }

    private func assertError(_ text: String, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try file(text), line: line) { error in
            XCTAssertEqual(error as? ToolError, ToolError(.failedInit, message), line: line)
        }
    }

    func testCurlLineForms() throws {
        let text = """
            # a comment
              # an indented comment

            --verbose
            silent
            user alice
            cacert = /etc/ca.pem
            max-time: 5
            --mail-from = "Alice <alice@example.test>"
            url="https://example.test/a b"
            passwordeval pass show mail/work  \t
            -u bob
            """
        XCTAssertEqual(
            try settings(text),
            [
                "verbose", "silent", "user=alice", "cacert=/etc/ca.pem", "max-time=5",
                "mail-from=Alice <alice@example.test>", "url=https://example.test/a b",
                "passwordeval=pass show mail/work", "-u=bob",
            ])
    }

    func testQuotedValuesTakeCurlsEscapes() throws {
        XCTAssertEqual(try settings(#"header "a\tb\nc\rd\ve\\f\"g\qh""#), ["header=a\tb\nc\rd\u{0B}e\\f\"gqh"])
        XCTAssertEqual(try settings(#"user "" # empty, then a comment"#), ["user="])
        XCTAssertEqual(try settings("user \"a # not a comment\""), ["user=a # not a comment"])
        XCTAssertEqual(
            try settings("user a # kept: an unquoted value runs to the end"),
            ["user=a # kept: an unquoted value runs to the end"])
        XCTAssertEqual(try settings("verbose\r\nsilent\r\n"), ["verbose", "silent"], "CR LF line ends")
    }

    func testAccountsDefaultsAndInheritance() throws {
        let config = try file(
            """
            cacert /ca.pem
            account base
            user alice
            account work : base
            url smtps://mail.example.test
            account default : work
            verbose
            default work
            """)
        XCTAssertEqual(config.defaults.map(\.key), ["cacert"])
        XCTAssertEqual(config.accounts.map(\.name), ["base", "work", "default"])
        XCTAssertEqual(config.account("work")?.settings.map(\.key), ["user", "url"])
        XCTAssertEqual(config.account("default")?.settings.map(\.key), ["user", "url", "verbose"])
        XCTAssertEqual(config.account("default")?.settings.map(\.line), [3, 5, 7], "lines of the parents' settings")
        XCTAssertEqual(config.defaultAccount?.value, "work")
        XCTAssertEqual(config.defaultAccount?.line, 8)
    }

    func testErrorsNameTheFileAndLine() {
        assertError("verbose\nbogus-option 1", "cfg:2: unknown option 'bogus-option'")
        assertError(
            "password hunter2", "cfg:1: 'password' is not an option: use 'user NAME:PASSWORD' or 'passwordeval COMMAND'"
        )
        assertError("config other", "cfg:1: 'config' cannot be used inside a config file")
        assertError("\n\nuser \"alice", "cfg:3: the quoted value has no closing quote")
        assertError("user \"alice\" bob", "cfg:1: text after the closing quote (quote the whole value)")
        assertError("account", "cfg:1: 'account' needs a name")
        assertError("account a b", "cfg:1: 'account' needs a name (no blanks, ':' or ',')")
        assertError("account a : missing", "cfg:1: account a: parent account missing is not defined above")
        assertError("account a :", "cfg:1: account a: a parent account name is missing or malformed")
        assertError("account a\naccount a", "cfg:2: account a is already defined on line 1")
        assertError("default", "cfg:1: 'default' needs the name of an account")
        assertError("= value", "cfg:1: a value without an option name")
        assertError("-uv alice", "cfg:1: '-uv' is neither an option name nor a short option")
        assertError("user a\u{1B}[2J", "cfg:1: control character in the line")
        XCTAssertThrowsError(try ConfigFile(parsing: [0x75, 0x20, 0xFF], name: "cfg")) { error in
            XCTAssertEqual(error as? ToolError, ToolError(.failedInit, "cfg:1: not valid UTF-8"))
        }
    }

    func testErrorsNeverShowValues() {
        for text in ["user \"alice:s3cret", "user \"alice:s3cret\" x", "bogus alice:s3cret"] {
            XCTAssertThrowsError(try file(text)) { error in
                XCTAssertFalse("\(error)".contains("s3cret"), "\(error)")
            }
        }
    }

    func testLimits() throws {
        let longest = "user " + String(repeating: "a", count: ConfigFile.maxLineBytes - 5)
        XCTAssertEqual(try file(longest).defaults.count, 1)
        assertError("\n" + longest + "a", "cfg:2: line longer than 8192 bytes")
        XCTAssertEqual(try file(String(repeating: "\n", count: ConfigFile.maxLines - 1)).defaults, [])
        assertError(String(repeating: "#\n", count: ConfigFile.maxLines + 1), "cfg:10001: more than 10000 lines")
        // Two parents at every level double an account's size per level: 2^14 settings on line 31.
        var text = "account a0\nverbose\naccount b0\nverbose\n"
        for level in 1...20 {
            text +=
                "account a\(level) : a\(level - 1), b\(level - 1)\naccount b\(level) : a\(level - 1), b\(level - 1)\n"
        }
        assertError(text, "cfg:31: more than 10000 settings in one account")
        // Many accounts inheriting one large account fill memory unless all are counted together.
        var wide = "account big\n" + String(repeating: "verbose\n", count: 9_000)
        for index in 1...20 { wide += "account copy\(index) : big\n" }
        assertError(wide, "cfg:9012: more than 100000 settings in all accounts, inherited ones counted")
        let duplicates = "account a\nverbose\naccount b : a, a, a"
        XCTAssertEqual(try file(duplicates).account("b")?.settings.count, 1, "a parent named twice counts once")
    }

    func testSecretsAreNoticed() throws {
        XCTAssertFalse(try file("user alice\npasswordeval pass mail\ncert c.pem").holdsSecrets)
        for line in [
            "user alice:pw", "-u alice:pw", "pass phrase", "tlspassword pw", "oauth2-bearer t", "cert c.pem:pw",
        ] {
            XCTAssertTrue(try file("account a\n" + line).holdsSecrets, line)
        }
    }

    func testOptionsForOneTool() throws {
        let specs = OutputOptions.specs + TLSOptions.specs + [OptionSpec("user", short: "u", argument: "U", help: "")]
        let config = try file(
            """
            verbose
            maildir /mail
            tls-min 1.3
            account a
            no-verbose
            -u bob
            """)
        let render = { (options: [ParsedOption]) in
            options.map { ($0.negated ? "no-" : "") + $0.name + ($0.value.map { "=" + $0 } ?? "") }
        }
        XCTAssertEqual(render(try config.options(account: nil, specs: specs)), ["verbose", "tlsv1.3"])
        XCTAssertEqual(
            render(try config.options(account: "a", specs: specs)), ["verbose", "tlsv1.3", "no-verbose", "user=bob"],
            "maildir is another tool's option: left out")
        let cases: [(String, String)] = [
            ("verbose yes", "cfg:1: option --verbose: takes no value"),
            ("cacert", "cfg:1: option --cacert: requires parameter"),
            ("no-tlsv1.3", "cfg:1: option --no-tlsv1.3: is unknown"),
            ("tls-min 1.4", "cfg:1: tls-min: expected 1.0, 1.1, 1.2 or 1.3"),
            ("-Z", "cfg:1: option -Z: is unknown (a file shared by the tools needs long names)"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try file(text).options(account: nil, specs: specs), text) { error in
                XCTAssertEqual(error as? ToolError, ToolError(.failedInit, message))
            }
        }
    }
}
