import Foundation
import XCTest

/// http-get's HTTP options against the real nginx of testservers/ (plain and HTTPS).
final class HTTPGetTransferTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private var https: String { "https://localhost:\(TestServers.port("HTTPS_PORT"))" }
    private var http: String { "http://127.0.0.1:\(TestServers.port("HTTP_PORT"))" }

    private func get(_ args: [String], stdin: Data? = nil) -> ToolProcess.Result {
        ToolProcess.tool("http-get", ["--cacert", TestServers.caFile] + args, stdin: stdin)
    }

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-\(getpid())-\(name)").path
    }

    func testPlainHTTPAndBinaryBodyByteForByte() throws {
        XCTAssertEqual(get([http + "/hello.txt"]).stdout, "hello from mailtls testservers\n")
        let r = get([https + "/1k.bin"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = try Data(contentsOf: TestServers.runDirectory.appendingPathComponent("nginx/www/1k.bin"))
        XCTAssertEqual(r.stdoutBytes, expected)
    }

    func testOutputFile() throws {
        let path = temporaryPath("out.bin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = get(["-o", path, https + "/1k.bin"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)).count, 1024)
        let unwritable = get(["-o", "/nonexistent-dir/out", https + "/hello.txt"])
        XCTAssertEqual(unwritable.status, 23, unwritable.stderr)
    }

    func testHeadAndInclude() {
        let head = get(["-I", https + "/1k.bin"])
        XCTAssertEqual(head.status, 0, head.stderr)
        XCTAssertTrue(head.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"), head.stdout)
        XCTAssertTrue(head.stdout.lowercased().contains("content-length: 1024\r\n"), head.stdout)
        XCTAssertTrue(head.stdout.hasSuffix("\r\n\r\n"), "headers only, no body")

        let include = get(["-i", https + "/hello.txt"])
        XCTAssertTrue(include.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"), include.stdout)
        XCTAssertTrue(include.stdout.hasSuffix("\r\n\r\nhello from mailtls testservers\n"), include.stdout)
    }

    func testChunkedAndCloseDelimitedBodies() throws {
        let expected = try String(
            contentsOf: TestServers.runDirectory.appendingPathComponent("nginx/www/chunked.txt"), encoding: .utf8)
        let chunked = get(["-v", https + "/chunked/chunked.txt"])
        XCTAssertEqual(chunked.status, 0, chunked.stderr)
        XCTAssertTrue(chunked.stderr.lowercased().contains("< transfer-encoding: chunked"), chunked.stderr)
        XCTAssertEqual(chunked.stdout, expected)
        let closed = get([https + "/close/chunked.txt"])
        XCTAssertEqual(closed.status, 0, closed.stderr)
        XCTAssertEqual(closed.stdout, expected)
    }

    func testPostDataHeadersAndUserAgent() {
        let r = get(["-d", "a=1&b=two", "-H", "X-Test: yes", "-A", "mailtls-agent/9", https + "/echo"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = r.stdout.lowercased()
        XCTAssertTrue(text.contains("post"), r.stdout)
        XCTAssertTrue(text.contains("mailtls-agent/9"), r.stdout)
        XCTAssertTrue(text.contains("yes"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("a=1&b=two"), r.stdout)
    }

    func testPostDataFromFileAndCustomMethod() throws {
        let path = temporaryPath("data.txt")
        try "from-file".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = get(["-d", "@" + path, https + "/echo"])
        XCTAssertTrue(r.stdout.hasSuffix("from-file"), r.stdout)
        // -d strips line ends from a file, --data-binary keeps them; each argument on its own.
        try "line1\nline2\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(get(["-d", "@" + path, https + "/echo"]).stdout.hasSuffix("line1line2"))
        XCTAssertTrue(get(["--data-binary", "@" + path, https + "/echo"]).stdout.hasSuffix("line1\nline2\n"))
        XCTAssertTrue(
            get(["-d", "@" + path, "--data-binary", "@" + path, https + "/echo"]).stdout
                .hasSuffix("line1line2&line1\nline2\n"))
        let put = get(["-X", "PATCH", "-d", "x", https + "/echo"])
        XCTAssertTrue(put.stdout.contains("PATCH"), put.stdout)
    }

    func testUploadWithPUTArrivesByteForByte() throws {
        let path = temporaryPath("upload.bin")
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let name = "put-\(getpid()).bin"
        let r = get(["-T", path, https + "/upload/" + name])
        XCTAssertEqual(r.status, 0, r.stderr)
        let stored = TestServers.runDirectory.appendingPathComponent("nginx/uploads/" + name)
        defer { try? FileManager.default.removeItem(at: stored) }
        XCTAssertEqual(try Data(contentsOf: stored), bytes)

        let missing = get(["-T", "/nonexistent/file", https + "/upload/x"])
        XCTAssertEqual(missing.status, 26, missing.stderr)
    }

    func testRedirects() {
        let notFollowed = get(["-i", https + "/redirect"])
        XCTAssertEqual(notFollowed.status, 0)
        XCTAssertTrue(notFollowed.stdout.hasPrefix("HTTP/1.1 302"), notFollowed.stdout)
        XCTAssertEqual(get(["-L", https + "/redirect"]).stdout, "hello from mailtls testservers\n")
        XCTAssertEqual(get(["-L", https + "/redirect-abs"]).stdout, "hello from mailtls testservers\n")
        XCTAssertEqual(get(["-L", https + "/redirect-chain/3"]).status, 0)
        let loop = get(["-L", "--max-redirs", "5", https + "/loop"])
        XCTAssertEqual(loop.status, 47, loop.stderr)
        XCTAssertTrue(loop.stderr.contains("Maximum (5) redirects followed"), loop.stderr)
    }

    func testFailOnHTTPErrors() {
        let plain = get([https + "/status/404"])
        XCTAssertEqual(plain.status, 0, "without -f an error page is output, as in curl")
        XCTAssertFalse(plain.stdout.isEmpty)
        let failing = get(["-f", https + "/status/404"])
        XCTAssertEqual(failing.status, 22, failing.stderr)
        XCTAssertEqual(failing.stdout, "")
        XCTAssertTrue(failing.stderr.contains("The requested URL returned error: 404"), failing.stderr)
        XCTAssertEqual(get(["-f", https + "/status/500"]).status, 22)
    }

    func testSilentAndShowError() {
        let silent = get(["-s", "-f", https + "/status/404"])
        XCTAssertEqual(silent.status, 22)
        XCTAssertEqual(silent.stderr, "")
        let shown = get(["-sS", "-f", https + "/status/404"])
        XCTAssertTrue(shown.stderr.hasPrefix("http-get: (22) "), shown.stderr)
    }

    func testTraceASCIIWritesTheDialog() throws {
        let path = temporaryPath("trace.txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = get(["--trace-ascii", path, https + "/hello.txt"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let trace = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(trace.contains("== Info: SSL connection using TLS1.3"), trace)
        XCTAssertTrue(trace.contains("=> Send data"), trace)
        XCTAssertTrue(trace.contains("0000: GET /hello.txt HTTP/1.1"), trace)
        XCTAssertTrue(trace.contains("<= Recv data"), trace)
    }

    func testLargeDownloadStreamsInBoundedMemory() throws {
        let path = temporaryPath("100m.bin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = ToolProcess.run(
            "/usr/bin/env",
            [
                "time", "-f", "maxrss=%M", ToolProcess.productsDirectory.appendingPathComponent("http-get").path,
                "--cacert", TestServers.caFile, "-o", path, https + "/100m.bin",
            ],
            environment: ToolProcess.cleanEnvironment(), timeout: 120)
        guard r.stderr.contains("maxrss=") else { throw XCTSkip("GNU time is not installed: \(r.stderr)") }
        XCTAssertEqual(r.status, 0, r.stderr)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual(attributes[.size] as? Int, 104_857_600)
        let kib =
            Int(r.stderr.components(separatedBy: "maxrss=")[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        XCTAssertLessThan(kib, 20 * 1024, "peak RSS \(kib) KiB for a 100 MiB body")
    }
}
