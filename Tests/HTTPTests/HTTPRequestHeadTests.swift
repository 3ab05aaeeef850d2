import CurlURL
import XCTest

@testable import HTTP

final class HTTPRequestHeadTests: XCTestCase {
    private let ua = "mailtls-http-get/0.1"

    private func lines(
        _ url: String, method: String = "GET", headers: [String] = [],
        authorization: String? = nil, bodyLength: HTTPRequestHead.BodyLength = .none,
        contentType: String? = nil
    ) throws -> [String] {
        try HTTPRequestHead(
            method: method, url: try CurlURL(parsing: url), userAgent: ua, authorization: authorization,
            customHeaders: try headers.compactMap { try HTTPCustomHeader.parse($0) },
            bodyLength: bodyLength, contentType: contentType
        ).lines
    }

    func testDefaults() throws {
        XCTAssertEqual(
            try lines("http://example.com"),
            [
                "GET / HTTP/1.1", "Host: example.com", "User-Agent: \(ua)", "Accept: */*",
            ])
        XCTAssertEqual(
            try lines("http://[::1]:8080/a?b=c"),
            [
                "GET /a?b=c HTTP/1.1", "Host: [::1]:8080", "User-Agent: \(ua)", "Accept: */*",
            ])
    }

    func testBodyAndAuthorization() throws {
        XCTAssertEqual(
            try lines(
                "http://h/p", method: "POST", headers: ["X-Trace: 1"], authorization: "Basic dTpw",
                bodyLength: .length(3), contentType: "application/x-www-form-urlencoded"),
            [
                "POST /p HTTP/1.1", "Host: h", "Authorization: Basic dTpw", "User-Agent: \(ua)", "Accept: */*",
                "X-Trace: 1", "Content-Length: 3", "Content-Type: application/x-www-form-urlencoded",
            ])
        XCTAssertEqual(
            try lines("http://h/p", method: "PUT", bodyLength: .chunked),
            [
                "PUT /p HTTP/1.1", "Host: h", "User-Agent: \(ua)", "Accept: */*", "Transfer-Encoding: chunked",
            ])
    }

    func testCustomHeadersReplaceRemoveAndEmpty() throws {
        XCTAssertEqual(
            try lines(
                "http://h/",
                headers: [
                    "accept: text/plain", "User-Agent:", "X-Empty;", "Host: virtual.example", "X-Two: 1", "X-Two: 2",
                ], bodyLength: .length(2), contentType: "a/b"),
            [
                "GET / HTTP/1.1", "accept: text/plain", "X-Empty:", "Host: virtual.example", "X-Two: 1", "X-Two: 2",
                "Content-Length: 2", "Content-Type: a/b",
            ])
        XCTAssertEqual(
            try lines(
                "http://h/", headers: ["Content-Type: text/plain", "Content-Length:"],
                bodyLength: .length(2), contentType: "a/b"),
            [
                "GET / HTTP/1.1", "Host: h", "User-Agent: \(ua)", "Accept: */*", "Content-Type: text/plain",
            ])
    }

    func testSerialized() throws {
        let head = try HTTPRequestHead(method: "GET", url: try CurlURL(parsing: "http://h/x"), userAgent: nil)
        XCTAssertEqual(
            String(decoding: head.serialized, as: UTF8.self), "GET /x HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n")
    }

    func testRejectedArguments() throws {
        let url = try CurlURL(parsing: "http://h/")
        for method in ["GET /evil HTTP/1.1\r\nX:", "G ET", "", "GET\0"] {
            XCTAssertThrowsError(try HTTPRequestHead(method: method, url: url, userAgent: nil), method.debugDescription)
            { error in
                XCTAssertEqual((error as? HTTPError)?.kind, .badRequestArgument)
            }
        }
        XCTAssertThrowsError(try HTTPRequestHead(method: "GET", url: url, userAgent: "a\r\nX: y")) { error in
            XCTAssertEqual((error as? HTTPError)?.kind, .badRequestArgument)
        }
        XCTAssertThrowsError(
            try HTTPRequestHead(
                method: "GET", url: url, userAgent: nil,
                customHeaders: [.set(name: "X", value: "a\nb")])
        ) { error in
            XCTAssertEqual((error as? HTTPError)?.kind, .badRequestArgument)
        }
    }

    func testBasicCredentials() {
        XCTAssertEqual(
            HTTPCredentials(user: "Aladdin", password: "open sesame").basicAuthorization,
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        XCTAssertEqual(HTTPCredentials(user: "a", password: "").basicAuthorization, "Basic YTo=")
        XCTAssertEqual(HTTPCredentials(user: "ab", password: "").basicAuthorization, "Basic YWI6")
        XCTAssertEqual(
            HTTPCredentials(user: "test", password: "123\u{A3}").basicAuthorization, "Basic dGVzdDoxMjPCow==")
    }
}
