import XCTest

@testable import POP3

final class POP3URLRequestTests: XCTestCase {
    private struct Row {
        let path: String
        var custom: String? = nil
        var listOnly = false
        var noBody = false
        let kind: POP3URLRequest.Kind
        let line: String
        let multiline: Bool
        let writes: Bool
    }

    func testCurlURLForms() throws {
        let table: [Row] = [
            Row(path: "/", kind: .list, line: "LIST", multiline: true, writes: true),
            Row(path: "", kind: .list, line: "LIST", multiline: true, writes: true),
            Row(path: "/1", kind: .retrieve, line: "RETR 1", multiline: true, writes: true),
            Row(path: "/%31%30", kind: .retrieve, line: "RETR 10", multiline: true, writes: true),
            Row(path: "/abc", kind: .retrieve, line: "RETR abc", multiline: true, writes: true),  // sent as given, like curl
            Row(path: "/1", listOnly: true, kind: .listMessage, line: "LIST 1", multiline: false, writes: false),
            Row(path: "/", listOnly: true, kind: .list, line: "LIST", multiline: true, writes: true),
            Row(path: "/", custom: "UIDL", kind: .custom, line: "UIDL", multiline: true, writes: true),
            Row(path: "/1", custom: "UIDL", kind: .custom, line: "UIDL 1", multiline: false, writes: false),
            Row(path: "/", custom: "TOP 1 0", kind: .custom, line: "TOP 1 0", multiline: true, writes: true),
            Row(path: "/1%200", custom: "TOP", kind: .custom, line: "TOP 1 0", multiline: true, writes: true),
            Row(path: "/", custom: "TOP%201%200", kind: .custom, line: "TOP 1 0", multiline: true, writes: true),
            Row(path: "/", custom: "CAPA", kind: .custom, line: "CAPA", multiline: true, writes: true),
            Row(path: "/1", custom: "DELE", kind: .custom, line: "DELE 1", multiline: false, writes: false),
            Row(path: "/", custom: "NOOP", kind: .custom, line: "NOOP", multiline: false, writes: false),
            Row(path: "/", custom: "STAT", kind: .custom, line: "STAT", multiline: false, writes: false),
            Row(path: "/", custom: "XTND XMIT", kind: .custom, line: "XTND XMIT", multiline: true, writes: true),
            Row(path: "/", custom: "", kind: .list, line: "LIST", multiline: true, writes: true),  // curl ignores an empty -X
            // -I: nothing is output; an unknown command is read as one line (curl's way to send one).
            Row(path: "/", custom: "XFOO", noBody: true, kind: .custom, line: "XFOO", multiline: false, writes: false),
            Row(
                path: "/1", custom: "DELE", noBody: true, kind: .custom, line: "DELE 1", multiline: false, writes: false
            ),
            Row(path: "/1", noBody: true, kind: .retrieve, line: "RETR 1", multiline: true, writes: false),
            Row(path: "/", noBody: true, kind: .list, line: "LIST", multiline: true, writes: false),
            // -l with a message and -X: the custom command, information only.
            Row(
                path: "/2", custom: "TOP", listOnly: true, kind: .custom, line: "TOP 2", multiline: true, writes: false),
        ]
        for row in table {
            let request = try POP3URLRequest(
                path: row.path, customRequest: row.custom, listOnly: row.listOnly, noBody: row.noBody)
            let label = "\(row.path) -X \(row.custom ?? "-") l=\(row.listOnly) I=\(row.noBody)"
            XCTAssertEqual(request.kind, row.kind, label)
            XCTAssertEqual(request.command.line, row.line, label)
            XCTAssertEqual(request.expectsMultilineBody, row.multiline, label)
            XCTAssertEqual(request.writesBody, row.writes, label)
        }
    }

    func testRejectionStages() throws {
        XCTAssertEqual(try POP3URLRequest(path: "/").rejectionStage, .listing)
        XCTAssertEqual(try POP3URLRequest(path: "/1").rejectionStage, .message)
        XCTAssertEqual(try POP3URLRequest(path: "/1", listOnly: true).rejectionStage, .message)
        XCTAssertEqual(try POP3URLRequest(path: "/", customRequest: "FOO").rejectionStage, .custom)
    }

    func testControlCharactersAreRefused() {
        for (path, custom) in [
            ("/1%0D%0ADELE%201", nil), ("/1%00", nil), ("/1\r\n", nil), ("/", "LIST%0d%0aDELE 1"),
            ("/", "NOOP%7F"), ("/", "NOOP\n"),
        ] as [(String, String?)] {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3URLRequest(path: path, customRequest: custom) }, .badURL,
                "\(path.debugDescription) \(custom.debugDescription)")
        }
        // A lone or malformed % stays as it is, like curl.
        XCTAssertEqual(try POP3URLRequest(path: "/1%2").command.line, "RETR 1%2")
        XCTAssertEqual(try POP3URLRequest(path: "/%zz").command.line, "RETR %zz")
    }
}
