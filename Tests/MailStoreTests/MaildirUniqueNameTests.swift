import XCTest

@testable import MailStore

final class MaildirUniqueNameTests: XCTestCase {
    func testNamesAreUniqueAndWellFormed() {
        var names = Set<String>()
        for _ in 0..<10_000 {
            let name = MaildirUniqueName.make(host: "host.example")
            XCTAssertTrue(names.insert(name).inserted, name)
        }
        let name = MaildirUniqueName.make(host: "host.example")
        let origin = MaildirUniqueName.origin(of: name)
        XCTAssertEqual(origin?.pid, getpid())
        XCTAssertEqual(origin?.host, "host.example")
        XCTAssertNotNil(
            name.range(of: #"^[0-9]+\.M[0-9]+P[0-9]+Q[0-9]+\.host\.example$"#, options: .regularExpression), name)
    }

    func testHostEncoding() {
        XCTAssertEqual(MaildirUniqueName.encodeHost("a/b:c.d"), "a\\057b\\072c.d")
        XCTAssertFalse(MaildirUniqueName.localHost().contains("/"))
        XCTAssertFalse(MaildirUniqueName.localHost().contains(":"))
    }

    func testOrigin() {
        XCTAssertEqual(MaildirUniqueName.origin(of: "1700000000.M123P456Q7.mx:2,S")?.pid, 456)
        XCTAssertEqual(MaildirUniqueName.origin(of: "1700000000.M123P456Q7.mx:2,S")?.host, "mx")
        XCTAssertEqual(MaildirUniqueName.origin(of: "1700000000.M123P456.mx.example")?.host, "mx.example")
        XCTAssertNil(MaildirUniqueName.origin(of: "1700000000.12345_1.mx"))
        XCTAssertNil(MaildirUniqueName.origin(of: "garbage"))
        XCTAssertNil(MaildirUniqueName.origin(of: "1.M1P99999999999.x"))
    }
}
