import TLS
import XCTest

@testable import CLI

final class TLSOptionsTests: XCTestCase {
    private func configuration(_ args: [String], environment: [String: String] = [:]) throws -> TLSConfiguration {
        var options = TLSOptions()
        for option in try OptionParser(specs: TLSOptions.specs).parse(args).options {
            _ = try options.apply(option)
        }
        return try options.configuration(environment: environment, libraryVersion: "GnuTLS/3.7.9")
    }

    func testDefaultsVerifyWithTLS12Floor() throws {
        let c = try configuration([])
        XCTAssertTrue(c.verifyPeer)
        XCTAssertEqual(c.minimumVersion, .tls1_2)
        XCTAssertNil(c.maximumVersion)
        XCTAssertEqual(c.trust, .system)
    }

    func testVersionOptions() throws {
        XCTAssertEqual(try configuration(["--tlsv1"]).minimumVersion, .tls1_0)
        XCTAssertEqual(try configuration(["-1"]).minimumVersion, .tls1_0)
        XCTAssertEqual(try configuration(["--tlsv1.1"]).minimumVersion, .tls1_1)
        XCTAssertEqual(try configuration(["--tlsv1.3"]).minimumVersion, .tls1_3)
        XCTAssertEqual(try configuration(["--tls-max", "1.2"]).maximumVersion, .tls1_2)
        XCTAssertNil(try configuration(["--tls-max", "1.2", "--tls-max", "default"]).maximumVersion)
        // --tls-max 1.1 alone lowers the default floor instead of making an empty window.
        let low = try configuration(["--tls-max", "1.1"])
        XCTAssertEqual(low.minimumVersion, .tls1_1)
        XCTAssertThrowsError(try configuration(["--tls-max", "1.4"])) { error in
            XCTAssertEqual((error as? ToolError)?.curlCode, .failedInit)
        }
    }

    func testSSLv2AndSSLv3AreNotBuiltIn() {
        for flag in ["--sslv3", "-3", "--sslv2", "-2"] {
            XCTAssertThrowsError(try configuration([flag])) { error in
                XCTAssertEqual((error as? TLSError)?.kind, .notBuiltIn)
                XCTAssertEqual(ExitCodeMapping.code(for: error), .notBuiltIn)
                XCTAssertTrue("\(error)".contains("GnuTLS/3.7.9"))
            }
        }
    }

    func testInsecureAndTrustOptions() throws {
        XCTAssertFalse(try configuration(["-k"]).verifyPeer)
        XCTAssertTrue(try configuration(["-k", "--no-insecure"]).verifyPeer)
        let c = try configuration(
            ["--cacert", "/ca.pem", "--crlfile", "/crl.pem"], environment: ["CURL_CA_BUNDLE": "/b"])
        XCTAssertEqual(c.trust, TrustStore(caFile: "/ca.pem", caPath: nil))
        XCTAssertEqual(c.crlFile, "/crl.pem")
        XCTAssertEqual(try configuration([], environment: ["CURL_CA_BUNDLE": "/b"]).trust.caFile, "/b")
        XCTAssertEqual(try configuration(["--ciphers", "SECURE256"]).ciphers, "SECURE256")
    }
}
