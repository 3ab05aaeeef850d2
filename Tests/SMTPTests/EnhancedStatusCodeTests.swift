import XCTest

@testable import SMTP

final class EnhancedStatusCodeTests: XCTestCase {
    func testParse() {
        let table: [(String, Int, String?, Int?)] = [
            ("2.1.0 Ok", 250, "2.1.0", 5),
            ("2.0.0", 250, "2.0.0", 5),
            ("5.7.1 Relaying denied", 550, "5.7.1", 5),
            ("4.7.0 Try later", 421, "4.7.0", 5),
            ("5.100.999 x", 554, "5.100.999", 9),
            ("5.1000.1 x", 554, nil, nil),
            ("5.1.1000 x", 554, nil, nil),
            ("5.7.1 x", 250, nil, nil),
            ("2.1.0 x", 550, nil, nil),
            ("3.0.0 x", 354, nil, nil),
            ("5.7.1x", 550, nil, nil),
            ("5.7 x", 550, nil, nil),
            ("5..1 x", 550, nil, nil),
            (".5.7.1 x", 550, nil, nil),
            ("mx.example ESMTP", 250, nil, nil),
            ("", 250, nil, nil),
            ("5.7.1\tx", 550, nil, nil),
        ]
        for (text, replyCode, expected, length) in table {
            let parsed = EnhancedStatusCode.parse(prefixOf: [UInt8](text)[...], replyCode: replyCode)
            XCTAssertEqual(parsed?.0.description, expected, text)
            XCTAssertEqual(parsed?.1, length, text)
        }
    }

    func testFields() {
        let code = EnhancedStatusCode.parse(prefixOf: [UInt8]("5.7.8 x")[...], replyCode: 535)?.0
        XCTAssertEqual(code, EnhancedStatusCode(statusClass: 5, subject: 7, detail: 8))
    }
}
