import GnuTLS
import TLS
import XCTest

final class GnuTLSPriorityTests: XCTestCase {
    private func priority(min: TLSVersion = .tls1_2, max: TLSVersion? = nil, ciphers: String? = nil) throws -> String {
        var configuration = TLSConfiguration()
        configuration.minimumVersion = min
        configuration.maximumVersion = max
        configuration.ciphers = ciphers
        return try GnuTLSPriority.string(for: configuration)
    }

    func testVersionWindows() throws {
        let table: [(TLSVersion, TLSVersion?, String)] = [
            (.tls1_2, nil, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"),
            (.tls1_3, nil, "NORMAL:-VERS-ALL:+VERS-TLS1.3"),
            (.tls1_0, nil, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:+VERS-TLS1.1:+VERS-TLS1.0"),
            (.tls1_2, .tls1_2, "NORMAL:-VERS-ALL:+VERS-TLS1.2"),
            (.tls1_1, .tls1_2, "NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.1"),
        ]
        for (min, max, expected) in table {
            XCTAssertEqual(try priority(min: min, max: max), expected, "\(min) \(String(describing: max))")
        }
    }

    func testCiphersAreTheBaseAndTheWindowIsAppended() throws {
        XCTAssertEqual(
            try priority(ciphers: " SECURE256:-CIPHER-ALL:+AES-256-GCM "),
            "SECURE256:-CIPHER-ALL:+AES-256-GCM:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2")
    }

    func testEmptyWindowIsAHandshakeError() {
        XCTAssertThrowsError(try priority(min: .tls1_3, max: .tls1_2)) { error in
            XCTAssertEqual((error as? TLSError)?.kind, .handshake)
        }
    }

    func testEmptyCiphersIsACipherError() {
        XCTAssertThrowsError(try priority(ciphers: "  ")) { error in
            XCTAssertEqual((error as? TLSError)?.kind, .cipher)
        }
    }

    func testLibraryVersionNamesGnuTLS() {
        XCTAssertTrue(GnuTLSClient().libraryVersion.hasPrefix("GnuTLS/3."))
    }
}
