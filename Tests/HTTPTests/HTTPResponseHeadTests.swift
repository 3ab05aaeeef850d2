import XCTest

@testable import HTTP

final class HTTPResponseHeadTests: XCTestCase {
    static func head(_ status: Int = 200, _ fields: [(String, String)]) -> HTTPResponseHead {
        HTTPResponseHead(
            version: .http11, status: status, reason: "",
            fields: fields.map { HTTPField(name: $0.0, value: [UInt8]($0.1)) }, rawBytes: [])
    }

    func testContentLength() throws {
        let accepted: [([(String, String)], Int64?)] = [
            ([], nil),
            ([("Content-Length", "0")], 0),
            ([("content-length", "42")], 42),
            ([("Content-Length", "007")], 7),
            ([("Content-Length", "5, 5")], 5),
            ([("Content-Length", "5"), ("CONTENT-LENGTH", "5")], 5),
            ([("Content-Length", "9223372036854775807")], Int64.max),
        ]
        for (fields, expected) in accepted {
            XCTAssertEqual(try Self.head(200, fields).contentLength(), expected, "\(fields)")
        }
        let rejected: [[(String, String)]] = [
            [("Content-Length", "-1")], [("Content-Length", "+1")], [("Content-Length", "1a")],
            [("Content-Length", "")], [("Content-Length", "0x10")], [("Content-Length", "1 2")],
            [("Content-Length", "9223372036854775808")], [("Content-Length", "99999999999999999999999")],
            [("Content-Length", "5, 6")], [("Content-Length", "5"), ("Content-Length", "6")],
            [("Content-Length", "5,")], [("Content-Length", "1.0")],
        ]
        for fields in rejected {
            XCTAssertThrowsError(try Self.head(200, fields).contentLength(), "\(fields)") { error in
                XCTAssertEqual((error as? HTTPError)?.kind, .malformedResponse, "\(fields)")
            }
        }
    }

    func testTransferEncoding() throws {
        let table: [([(String, String)], [String], Bool?)] = [
            ([], [], false),
            ([("Transfer-Encoding", "chunked")], ["chunked"], true),
            ([("Transfer-Encoding", "Chunked")], ["chunked"], true),
            ([("Transfer-Encoding", "gzip, chunked")], ["gzip", "chunked"], true),
            ([("Transfer-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], ["gzip", "chunked"], true),
            ([("Transfer-Encoding", "gzip")], ["gzip"], false),
            ([("Transfer-Encoding", "chunked;foo=bar")], ["chunked"], true),
            ([("Transfer-Encoding", "chunked, gzip")], ["chunked", "gzip"], nil),
            ([("Transfer-Encoding", "chunked, chunked")], ["chunked", "chunked"], nil),
        ]
        for (fields, codings, chunked) in table {
            let head = Self.head(200, fields)
            XCTAssertEqual(head.transferCodings, codings, "\(fields)")
            if let chunked {
                XCTAssertEqual(try head.isChunked(), chunked, "\(fields)")
            } else {
                XCTAssertThrowsError(try head.isChunked(), "\(fields)")
            }
        }
    }

    func testLocationAndConnection() {
        XCTAssertEqual(Self.head(302, [("Location", "/a b/\u{E9}")]).location, "/a%20b/%C3%A9")
        XCTAssertEqual(Self.head(302, [("location", "http://x/"), ("Location", "http://y/")]).location, "http://x/")
        XCTAssertNil(Self.head(302, []).location)
        XCTAssertNil(Self.head(302, [("Location", "")]).location)
        XCTAssertTrue(Self.head(200, [("Connection", "keep-alive, Close")]).hasConnectionClose)
        XCTAssertFalse(Self.head(200, [("Connection", "keep-alive, closed")]).hasConnectionClose)
    }

    func testFraming() throws {
        let table: [(String, Int, [(String, String)], HTTPBodyFraming)] = [
            ("GET", 200, [("Content-Length", "10")], .contentLength(10)),
            ("HEAD", 200, [("Content-Length", "10")], .none),
            ("HEAD", 200, [("Transfer-Encoding", "chunked")], .none),
            ("GET", 204, [("Content-Length", "10")], .none),
            ("GET", 304, [("Content-Length", "10")], .none),
            ("GET", 100, [], .none),
            ("GET", 200, [("Transfer-Encoding", "chunked")], .chunked),
            ("GET", 200, [("Transfer-Encoding", "chunked"), ("Content-Length", "10")], .chunked),
            ("GET", 200, [("Transfer-Encoding", "chunked"), ("Content-Length", "bogus")], .chunked),
            ("GET", 200, [("Transfer-Encoding", "gzip"), ("Content-Length", "10")], .untilClose),
            ("GET", 200, [], .untilClose),
            ("POST", 404, [("Content-Length", "0")], .contentLength(0)),
        ]
        for (method, status, fields, framing) in table {
            XCTAssertEqual(
                try HTTPBodyFraming(requestMethod: method, head: Self.head(status, fields)), framing,
                "\(method) \(status) \(fields)")
        }
        XCTAssertThrowsError(
            try HTTPBodyFraming(requestMethod: "GET", head: Self.head(200, [("Content-Length", "1, 2")])))
        XCTAssertThrowsError(
            try HTTPBodyFraming(requestMethod: "GET", head: Self.head(200, [("Transfer-Encoding", "chunked, gzip")])))
    }
}
