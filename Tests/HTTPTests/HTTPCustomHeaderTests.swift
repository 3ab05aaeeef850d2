import XCTest

@testable import HTTP

final class HTTPCustomHeaderTests: XCTestCase {
    func testParse() throws {
        let table: [(String, HTTPCustomHeader?)] = [
            ("X-A: 1", .set(name: "X-A", value: "1")),
            ("X-A:1", .set(name: "X-A", value: "1")),
            ("X-A:   spaced value  ", .set(name: "X-A", value: "spaced value")),
            ("X-A: a: b", .set(name: "X-A", value: "a: b")),
            ("Host: other.example", .set(name: "Host", value: "other.example")),
            ("User-Agent:", .remove(name: "User-Agent")),
            ("Accept:   ", .remove(name: "Accept")),
            ("X-Empty;", .empty(name: "X-Empty")),
            ("X-Empty; ", .empty(name: "X-Empty")),
            ("just-text", nil),
            ("X-A; more", nil),
        ]
        for (argument, expected) in table {
            XCTAssertEqual(try HTTPCustomHeader.parse(argument), expected, argument)
        }
    }

    func testRejected() {
        for argument in [
            "X: a\r\nEvil: 1", "X: a\nb", "X\r: a", "X: \0", ": value", ";", "Bad Name: x", " X: y", "X-A; b: c",
            "X : y", "Caf\u{E9}: 1",
        ] {
            XCTAssertThrowsError(try HTTPCustomHeader.parse(argument), argument.debugDescription) { error in
                XCTAssertEqual((error as? HTTPError)?.kind, .badRequestArgument, argument.debugDescription)
            }
        }
    }
}
