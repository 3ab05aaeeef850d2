import XCTest

@testable import CLI

final class NetrcTests: XCTestCase {
    func testMachinesDefaultAndQuotes() throws {
        let netrc = try Netrc(
            parsing: """
                machine mail.example.com login alice password "p w\\"d"
                machine other.example login bob
                  password bobpass
                macdef init
                echo these words are not tokens machine evil.example login x password y

                default login anonymous password guest
                """)
        XCTAssertEqual(netrc.entry(for: "mail.example.com"), Netrc.Entry(login: "alice", password: "p w\"d"))
        XCTAssertEqual(netrc.entry(for: "MAIL.example.com")?.login, "alice")
        XCTAssertEqual(netrc.entry(for: "other.example"), Netrc.Entry(login: "bob", password: "bobpass"))
        XCTAssertEqual(netrc.entry(for: "evil.example")?.login, "anonymous", "macdef text is not parsed")
        XCTAssertEqual(netrc.entry(for: "unknown.example"), Netrc.Entry(login: "anonymous", password: "guest"))
        XCTAssertEqual(netrc.entry(for: "mail.example.com", user: "alice")?.password, "p w\"d")
        XCTAssertNil(netrc.entry(for: "mail.example.com", user: "mallory"))
    }

    func testTruncatedFile() {
        XCTAssertThrowsError(try Netrc(parsing: "machine a login"))
        XCTAssertNil(try Netrc(parsing: "").entry(for: "a"))
    }
}
