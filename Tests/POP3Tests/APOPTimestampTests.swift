import XCTest

@testable import POP3

final class APOPTimestampTests: XCTestCase {
    func testTimestampsInGreetings() throws {
        let table: [(String, String?)] = [
            ("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>", "<1896.697170952@dbc.mtview.ca.us>"),
            ("+OK <a@b> trailing text", "<a@b>"),
            ("+OK Dovecot ready. <5f1.2@host.example>", "<5f1.2@host.example>"),
            ("+OK mailtls Dovecot ready.", nil),  // no APOP offered
            ("+OK <no-at-sign>", nil),
            ("+OK <@b>", nil),
            ("+OK <a@>", nil),
            ("+OK <a@b@c>", nil),
            ("+OK <a @b>", nil),
            ("+OK <a<b@c>", nil),
            ("+OK <a@b", nil),
            ("+OK <>", nil),
            ("+OK <caf\u{e9}@b>", nil),
            ("-ERR <1.2@host>", nil),  // not a greeting that lets anybody in
        ]
        for (line, expected) in table {
            let response = try POP3Response(line: [UInt8](line))
            XCTAssertEqual(APOPTimestamp(greeting: response)?.description, expected, line)
        }
    }
}
