import Codec
import XCTest

@testable import CLI

final class OutputRenderingTests: XCTestCase {
    func testControlCharactersAreEscaped() {
        XCTAssertEqual(ControlCharacterEscaping.escape("plain text"), "plain text")
        XCTAssertEqual(ControlCharacterEscaping.escape("a\u{1b}]0;pwned\u{07}b"), "a\\x1b]0;pwned\\x07b")
        XCTAssertEqual(ControlCharacterEscaping.escape("tab\tok\r\n"), "tab\tok\\x0d\\x0a")
        XCTAssertEqual(ControlCharacterEscaping.escape("DEL\u{7f}"), "DEL\\x7f")
        XCTAssertEqual(ControlCharacterEscaping.escape("C1\u{9b}31m"), "C1\\xc2\\x9b31m")
        XCTAssertEqual(ControlCharacterEscaping.escape("grüß 日本"), "grüß 日本")
        XCTAssertEqual(ControlCharacterEscaping.escape([0x61, 0xFF, 0xC3, 0x62]), "a\\xff\\xc3b")
        XCTAssertEqual(ControlCharacterEscaping.escape([0xE2, 0x82]), "\\xe2\\x82", "truncated sequence")
    }

    func testVerboseLayout() {
        let sink = MemorySink()
        let trace = TerminalTrace(verbose: sink, ascii: nil)
        trace.info("  Trying 127.0.0.1:443...")
        trace.sent(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8), display: nil)
        trace.received(Array("HTTP/1.1 200 OK\r\nX-Evil: \u{1b}[2J\r\n".utf8))
        trace.sent(Array("AUTH PLAIN c2VjcmV0\r\n".utf8), display: "AUTH PLAIN <redacted>\r\n")
        XCTAssertEqual(
            sink.text,
            """
            *   Trying 127.0.0.1:443...
            > GET / HTTP/1.1
            > Host: a
            >\u{20}
            < HTTP/1.1 200 OK
            < X-Evil: \\x1b[2J
            > AUTH PLAIN <redacted>

            """)
    }

    func testTraceASCIILayout() {
        let sink = MemorySink()
        let trace = TerminalTrace(verbose: nil, ascii: sink)
        trace.info("hello")
        trace.sent(Array("ab\r\ncd\r\n".utf8), display: nil)
        XCTAssertEqual(sink.text, "== Info: hello\n=> Send data, 8 bytes (0x8)\n0000: ab\n0004: cd\n")
    }

    func testRunnerRendersErrorsWithCurlsCodes() {
        let runner = ToolRunner(
            name: "demo", summary: "demo", specs: OutputOptions.specs, protocols: ["x"], features: [])
        let err = MemorySink()
        let context = ToolContext(
            arguments: ["--nope"], environment: [:], standardOutput: MemorySink(), standardError: err)
        XCTAssertEqual(runner.run(context) { _, _ in }, 2)
        XCTAssertTrue(err.text.hasPrefix("demo: (2) option --nope: is unknown\n"), err.text)

        let silent = MemorySink()
        let quiet = ToolContext(arguments: [], environment: [:], standardOutput: MemorySink(), standardError: silent)
        XCTAssertEqual(
            runner.run(quiet) { _, display in
                display.showsErrors = false
                throw ToolError(.writeError, "disk full")
            }, 23)
        XCTAssertEqual(silent.text, "")
    }

    func testVersionNamesTheTLSLibrary() {
        let runner = ToolRunner(
            name: "demo", summary: "demo", specs: [], protocols: ["http", "https"], features: ["SSL"])
        let out = MemorySink()
        XCTAssertEqual(
            runner.run(
                ToolContext(
                    arguments: ["--version"], environment: [:], standardOutput: out,
                    standardError: MemorySink())
            ) { _, _ in XCTFail("body ran") }, 0)
        let lines = out.text.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("demo 0.1.0 (mailtls) GnuTLS/3."), String(lines[0]))
        XCTAssertTrue(lines.contains("Protocols: http https"))
        XCTAssertTrue(lines.contains("Features: SSL"))
    }
}
