import XCTest

@testable import CLI

final class GreetingExpectationTests: XCTestCase {
    func testImplicitTLSPortsWithAPlaintextURLGetAShortWaitAndTheSchemeToTry() {
        for port: UInt16 in [465, 993, 995, 990, 636] {
            let expectation = GreetingExpectation(
                port: port, implicitTLS: false, secureScheme: "imaps", connectTimeout: nil)
            XCTAssertEqual(expectation.seconds, 8)
            XCTAssertTrue(
                expectation.hint.hasSuffix("port \(port) usually expects TLS from the first byte: try imaps://"),
                expectation.hint)
        }
    }

    func testOtherPortsAndImplicitTLSWaitTheDefault() {
        for (port, implicit) in [(UInt16(587), false), (993, true), (143, false)] {
            let expectation = GreetingExpectation(
                port: port, implicitTLS: implicit, secureScheme: "imaps", connectTimeout: nil)
            XCTAssertEqual(expectation.seconds, 60)
            XCTAssertFalse(expectation.hint.contains("try"), expectation.hint)
        }
    }

    func testTheConnectTimeoutCoversTheGreeting() {
        let expectation = GreetingExpectation(port: 993, implicitTLS: false, secureScheme: "imaps", connectTimeout: 2.5)
        XCTAssertEqual(expectation.seconds, 2.5)
        XCTAssertTrue(expectation.hint.hasPrefix("nothing within 2.5 s"), expectation.hint)
    }
}
