import SASL
import Transport
import TransportFakes
import XCTest

@testable import POP3

final class POP3CapabilitiesTests: XCTestCase {
    /// Captured from the suite's Dovecot (testservers, port 18111, no TLS) before login.
    private let dovecotBeforeLogin =
        "CAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nUSER\r\n"
        + "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n.\r\n"
    /// The same server after login: USER and SASL are gone.
    private let dovecotAfterLogin = "CAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n.\r\n"

    func testDovecot() throws {
        let trace = RecordingTrace()
        let capabilities = try POP3Capabilities.read(from: stream(dovecotBeforeLogin), trace: trace)
        XCTAssertTrue(capabilities.top)
        XCTAssertTrue(capabilities.uidl)
        XCTAssertTrue(capabilities.responseCodes)
        XCTAssertTrue(capabilities.pipelining)
        XCTAssertTrue(capabilities.authResponseCode)
        XCTAssertTrue(capabilities.user)
        XCTAssertFalse(capabilities.startTLS)
        XCTAssertEqual(
            capabilities.saslMechanisms.map(\.name), ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"])
        XCTAssertNil(capabilities.implementation)
        XCTAssertEqual(trace.received.count, 9)

        let after = try POP3Capabilities.read(from: stream(dovecotAfterLogin), trace: SilentTrace())
        XCTAssertFalse(after.user)
        XCTAssertEqual(after.saslMechanisms, [])
        XCTAssertNil(after.parameters(of: "SASL"))
        XCTAssertTrue(after.pipelining)
    }

    func testKeywordsAreCaseInsensitive() throws {
        let wire =
            "stls\r\nPipelining\r\nsasl plain xoauth2\r\nImplementation Shlemazle-Plotz-v302\r\n"
            + "EXPIRE 60 USER\r\nLOGIN-DELAY 900\r\nX-VENDOR a b\r\n.\r\n"
        let capabilities = try POP3Capabilities.read(from: stream(wire), trace: SilentTrace())
        XCTAssertTrue(capabilities.startTLS)
        XCTAssertTrue(capabilities.pipelining)
        XCTAssertTrue(capabilities.contains("StLs"))
        XCTAssertEqual(capabilities.saslMechanisms.map(\.name), ["PLAIN", "XOAUTH2"])
        XCTAssertEqual(capabilities.implementation, "Shlemazle-Plotz-v302")
        XCTAssertEqual(capabilities.parameters(of: "expire"), ["60", "USER"])
        XCTAssertEqual(capabilities.parameters(of: "LOGIN-DELAY"), ["900"])
        XCTAssertEqual(capabilities.parameters(of: "x-vendor"), ["a", "b"])
        XCTAssertFalse(capabilities.uidl)
    }

    func testBadMechanismNamesAreSkipped() throws {
        let capabilities = try POP3Capabilities(lines: [
            [UInt8]("SASL PLAIN bad!name TOO-LONG-MECHANISM-NAME-X LOGIN PLAIN")
        ])
        XCTAssertEqual(capabilities.saslMechanisms.map(\.name), ["PLAIN", "LOGIN"])
    }

    func testAnEmptyLineInsideCAPAIsSkipped() throws {
        let capabilities = try POP3Capabilities.read(
            from: stream("TOP\r\n\r\nSTLS\r\n.\r\n"), trace: SilentTrace())
        XCTAssertEqual(capabilities.entries.keys.sorted(), ["STLS", "TOP"])
    }

    func testMalformedCapabilityLines() {
        for line in [" STLS", "ST\u{1}LS", "SASL PLAIN\u{7f}"] {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3Capabilities(lines: [[UInt8](line)]) }, .malformedResponse,
                line.debugDescription)
        }
        XCTAssertEqual(
            pop3ErrorKind { _ = try POP3Capabilities.read(from: stream("TOP\r\nUIDL\r\n"), trace: SilentTrace()) },
            .cutShort)
        XCTAssertEqual(
            pop3ErrorKind {
                _ = try POP3Capabilities.read(
                    from: stream(String(repeating: "X\r\n", count: 11) + ".\r\n"), trace: SilentTrace(),
                    limits: POP3Limits(maxCapabilityLines: 10))
            }, .tooManyEntries)
    }
}
