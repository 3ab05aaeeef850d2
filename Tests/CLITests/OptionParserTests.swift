import XCTest

@testable import CLI
@testable import HTTPGet

final class OptionParserTests: XCTestCase {
    let parser = OptionParser(
        specs: ConnectionOptions.specs + OutputOptions.specs + TLSOptions.specs + HTTPOptions.specs)

    private func names(_ args: [String]) throws -> [String] {
        try parser.parse(args).options.map { ($0.negated ? "no-" : "") + $0.name + ($0.value.map { "=" + $0 } ?? "") }
    }

    func testCurlGrammar() throws {
        XCTAssertEqual(try names(["-v"]), ["verbose"])
        XCTAssertEqual(try names(["-sS"]), ["silent", "show-error"])
        XCTAssertEqual(try names(["-vko", "out.txt"]), ["verbose", "insecure", "output=out.txt"])
        XCTAssertEqual(try names(["-oout.txt"]), ["output=out.txt"])
        XCTAssertEqual(try names(["-m", "2.5", "--connect-timeout", "1"]), ["max-time=2.5", "connect-timeout=1"])
        XCTAssertEqual(try names(["--no-verbose"]), ["no-verbose"])
        XCTAssertEqual(try names(["--tlsv1.3", "--tls-max", "1.3"]), ["tlsv1.3", "tls-max=1.3"])
        XCTAssertEqual(try names(["-o", "-"]), ["output=-"], "an option's argument may start with a dash")
    }

    func testPositionalsMayComeBeforeOrAfterOptions() throws {
        let result = try parser.parse(["https://a/", "-v", "-o", "f"])
        XCTAssertEqual(result.positionals, ["https://a/"])
        XCTAssertEqual(result.options.count, 2)
        XCTAssertEqual(try parser.parse(["-"]).positionals, ["-"])
    }

    func testUsageErrorsExitTwo() {
        let cases: [([String], String)] = [
            (["--bogus"], "option --bogus: is unknown"),
            (["-Z"], "option -Z: is unknown"),
            (["-o"], "option -o: requires parameter"),
            (["--cacert"], "option --cacert: requires parameter"),
            (["--no-cacert"], "option --no-cacert: is unknown"),
            (["--no-tlsv1.3"], "option --no-tlsv1.3: is unknown"),
            (["--no-sslv3"], "option --no-sslv3: is unknown"),
        ]
        for (args, message) in cases {
            XCTAssertThrowsError(try parser.parse(args), "\(args)") { error in
                XCTAssertEqual(error as? ToolError, ToolError(.failedInit, message))
            }
        }
    }

    func testNumericArguments() throws {
        var connection = ConnectionOptions()
        let parsed = try parser.parse(["-m", "abc"])
        XCTAssertThrowsError(try connection.apply(parsed.options[0])) { error in
            XCTAssertEqual((error as? ToolError)?.curlCode, .failedInit)
        }
        XCTAssertThrowsError(try connection.apply(try parser.parse(["-m", "-1"]).options[0]))
        XCTAssertTrue(try connection.apply(try parser.parse(["--connect-timeout", "0.25"]).options[0]))
        XCTAssertEqual(connection.connectTimeout, 0.25)
    }

    func testSynopsisAndHelpAlignment() {
        XCTAssertEqual(
            OptionSpec("max-time", short: "m", argument: "SECONDS", help: "").synopsis, "-m, --max-time SECONDS")
        XCTAssertEqual(OptionSpec("cacert", argument: "FILE", help: "").synopsis, "    --cacert FILE")
    }
}
