import TLS
import XCTest

/// Plain-words diagnoses of handshakes the user can fix, and the alert names they quote.
final class HandshakeDiagnosisTests: XCTestCase {
    func testPlaintextGreetingsMeanTheServerExpectsSTARTTLS() {
        for greeting in [
            "220 mx.example ESMTP", "220-mx.example", "* OK [CAPABILITY IMAP4rev1] ready", "+OK POP3 ready",
            "* PREAUTH", "+OK",
        ] {
            XCTAssertEqual(
                HandshakeDiagnosis.plaintextAnswer(firstBytes: Array(greeting.utf8.prefix(9)), startTLSScheme: "smtp"),
                "the server answered in plaintext: it expects STARTTLS; try smtp:// (STARTTLS is used by default)",
                greeting)
        }
        XCTAssertNil(
            HandshakeDiagnosis.plaintextAnswer(firstBytes: Array("* OK".utf8), startTLSScheme: nil),
            "no advice after STARTTLS itself, nor for services without a STARTTLS form")
    }

    func testTLSRecordsAndOtherBytesAreNotGreetings() {
        for bytes: [UInt8] in [
            [0x16, 0x03, 0x03, 0x00, 0x7a], [0x15, 0x03, 0x01, 0x00, 0x02], [], Array("22".utf8),
            Array("HTTP/1.1 400".utf8), Array("550 no".utf8), Array("-ERR".utf8),
        ] {
            XCTAssertNil(HandshakeDiagnosis.plaintextAnswer(firstBytes: bytes, startTLSScheme: "smtp"), "\(bytes)")
        }
    }

    func testSTARTTLSSchemeOfEachImplicitTLSScheme() {
        XCTAssertEqual(HandshakeDiagnosis.startTLSScheme(forImplicitTLS: "smtps"), "smtp")
        XCTAssertEqual(HandshakeDiagnosis.startTLSScheme(forImplicitTLS: "IMAPS"), "imap")
        XCTAssertEqual(HandshakeDiagnosis.startTLSScheme(forImplicitTLS: "pop3s"), "pop3")
        XCTAssertEqual(HandshakeDiagnosis.startTLSScheme(forImplicitTLS: "ftps"), "ftp")
        XCTAssertNil(HandshakeDiagnosis.startTLSScheme(forImplicitTLS: "https"))
        XCTAssertNil(HandshakeDiagnosis.startTLSScheme(forImplicitTLS: "smtp"))
    }

    func testVersionRefusalNamesTheWindowTheUserAllowed() {
        var configuration = TLSConfiguration()
        XCTAssertTrue(
            HandshakeDiagnosis.versionRefused(configuration).hasPrefix("the server does not accept TLS 1.2–1.3 "))
        configuration.minimumVersion = .tls1_0
        configuration.maximumVersion = .tls1_0
        XCTAssertEqual(
            HandshakeDiagnosis.versionRefused(configuration),
            "the server does not accept TLS 1.0–1.0 (the versions allowed by --tlsv1.x and --tls-max)")
        configuration.maximumVersion = nil
        configuration.srp = SRPCredentials(user: "u", password: "p")
        XCTAssertEqual(configuration.versionWindow, .tls1_0 ... .tls1_2, "TLS-SRP stops at TLS 1.2")
    }

    func testAlertNamesFromTheRFCs() {
        XCTAssertEqual(TLSAlert(level: .fatal, number: 70).name, "protocol_version")
        XCTAssertEqual(TLSAlert(level: .warning, number: 112).name, "unrecognized_name")
        XCTAssertEqual(TLSAlert(level: .fatal, number: 116).name, "certificate_required")
        XCTAssertEqual(TLSAlert(level: .fatal, number: 200).name, "alert_200")
    }
}
