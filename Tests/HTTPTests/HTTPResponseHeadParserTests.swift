import XCTest

@testable import HTTP

final class HTTPResponseHeadParserTests: XCTestCase {
    /// Feeds `text` line by line as ByteStream would (LF ends a line, a CR before it is dropped).
    private func parse(_ text: String) throws -> HTTPResponseHead? {
        var parser = HTTPResponseHeadParser()
        var bytes = [UInt8](text)
        while let lf = bytes.firstIndex(of: 0x0A) {
            var line = Array(bytes[..<lf])
            if line.last == 0x0D { line.removeLast() }
            bytes.removeSubrange(...lf)
            if let head = try parser.consume(line: line) { return head }
        }
        return nil
    }

    private func fields(_ head: HTTPResponseHead?) -> [String] {
        head?.fields.map { "\($0.name)=\($0.valueString)" } ?? ["<incomplete>"]
    }

    func testAccepted() throws {
        let table: [(String, HTTPVersion, Int, String, [String])] = [
            ("HTTP/1.1 200 OK\r\n\r\n", .http11, 200, "OK", []),
            ("HTTP/1.0 404 Not Found\r\nServer: x\r\n\r\n", .http10, 404, "Not Found", ["Server=x"]),
            ("HTTP/1.1 200\r\n\r\n", .http11, 200, "", []),
            ("HTTP/1.1 200 \r\n\r\n", .http11, 200, "", []),
            ("HTTP/1.1 599 Odd  Reason \r\n\r\n", .http11, 599, "Odd  Reason ", []),
            ("HTTP/1.1 200 OK\nA: 1\n\n", .http11, 200, "OK", ["A=1"]),
            (
                "HTTP/1.1 200 OK\r\nA:1\r\nB: \t two words \t\r\nC:\r\n\r\n", .http11, 200, "OK",
                ["A=1", "B=two words", "C="]
            ),
            ("HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\n\tc\r\n\r\n", .http11, 200, "OK", ["X-Long=a b c"]),
            ("HTTP/1.1 200 OK\r\nA: x:y: z\r\n\r\n", .http11, 200, "OK", ["A=x:y: z"]),
        ]
        for (input, version, status, reason, expected) in table {
            let head = try parse(input)
            XCTAssertEqual(head?.version, version, input)
            XCTAssertEqual(head?.status, status, input)
            XCTAssertEqual(head?.reason, reason, input)
            XCTAssertEqual(fields(head), expected, input)
        }
    }

    func testRawBytesKeepTheHeadAsReceived() throws {
        let head = try parse("HTTP/1.1 200 OK\nA: 1\r\n folded\r\n\r\n")
        XCTAssertEqual(head?.rawBytes, [UInt8]("HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n"))
    }

    func testIncompleteNeedsMoreLines() throws {
        XCTAssertNil(try parse("HTTP/1.1 200 OK\r\nA: 1\r\n"))
    }

    func testRejected() {
        let table: [(String, String)] = [
            ("HTTP/2 200\r\n\r\n", "Unsupported HTTP version in response: HTTP/2"),
            ("HTTP/1.2 200 OK\r\n\r\n", "Unsupported HTTP version in response: HTTP/1.2"),
            ("HTTP/0.9 200 OK\r\n\r\n", "Unsupported HTTP version in response: HTTP/0.9"),
            ("<html>hello</html>\r\n\r\n", "Invalid status line: the response does not start with HTTP/1.x"),
            ("http/1.1 200 OK\r\n\r\n", "Invalid status line: the response does not start with HTTP/1.x"),
            ("\r\n", "Invalid status line: the response does not start with HTTP/1.x"),
            ("HTTP/1.1 20 OK\r\n\r\n", "Invalid status line: no three-digit status code"),
            ("HTTP/1.1 2000 OK\r\n\r\n", "Invalid status line: no three-digit status code"),
            ("HTTP/1.1  200 OK\r\n\r\n", "Invalid status line: no three-digit status code"),
            ("HTTP/1.1 abc OK\r\n\r\n", "Invalid status line: no three-digit status code"),
            ("HTTP/1.10 200 OK\r\n\r\n", "Invalid status line: no three-digit status code"),
            ("HTTP/1.1 099 Low\r\n\r\n", "Invalid status line: status code 99"),
            ("HTTP/1.1 200 O\0K\r\n\r\n", "Invalid status line: control character in reason phrase"),
            ("HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "Invalid header line in response: no field name before ':'"),
            ("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "Invalid header line in response: no field name before ':'"),
            ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "Invalid header line in response: no field name before ':'"),
            ("HTTP/1.1 200 OK\r\nName : x\r\n\r\n", "Invalid header line in response: no field name before ':'"),
            ("HTTP/1.1 200 OK\r\nA: b\0c\r\n\r\n", "Invalid header field value in response (NUL or CR)"),
            ("HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n", "Invalid header field value in response (NUL or CR)"),
            ("HTTP/1.1 200 OK\r\nA: b\r\n c\rd\r\n\r\n", "Invalid header field value in response (NUL or CR)"),
            (
                "HTTP/1.1 200 OK\r\n folded-first\r\n\r\n",
                "Invalid header line in response: whitespace before the first field"
            ),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try parse(input), input.debugDescription) { error in
                XCTAssertEqual(error as? HTTPError, HTTPError(.malformedResponse, message), input.debugDescription)
            }
        }
    }

    func testLimits() {
        let longLine = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 16 * 1024) + "\r\n\r\n"
        XCTAssertThrowsError(try parse(longLine)) { error in
            XCTAssertEqual(
                error as? HTTPError, HTTPError(.malformedResponse, "Response header line too long (limit 16 KiB)"))
        }
        let bigHead =
            "HTTP/1.1 200 OK\r\n" + String(repeating: "X: " + String(repeating: "a", count: 1000) + "\r\n", count: 110)
            + "\r\n"
        XCTAssertThrowsError(try parse(bigHead)) { error in
            XCTAssertEqual(
                error as? HTTPError, HTTPError(.malformedResponse, "Response header too large (limit 100 KiB)"))
        }
        let manyFields = "HTTP/1.1 200 OK\r\n" + String(repeating: "X: 1\r\n", count: 257) + "\r\n"
        XCTAssertThrowsError(try parse(manyFields)) { error in
            XCTAssertEqual(
                error as? HTTPError, HTTPError(.malformedResponse, "Too many header fields in response (limit 256)"))
        }
        let justEnough = "HTTP/1.1 200 OK\r\n" + String(repeating: "X: 1\r\n", count: 256) + "\r\n"
        XCTAssertEqual(try parse(justEnough)?.fields.count, 256)
    }
}
