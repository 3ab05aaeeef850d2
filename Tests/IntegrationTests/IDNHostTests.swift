import Foundation
import XCTest

/// Internationalised host names: the URL's `bücher.example` is `xn--bcher-kva.example` in the
/// TLS server name (SNI) and in the certificate name check, as curl converts it with libidn2.
/// The name reaches 127.0.0.1 through `--resolve`, given in either form.
final class IDNHostTests: XCTestCase {
    func testSNIIsTheALabel() throws {
        for resolveName in ["bücher.example", "xn--bcher-kva.example"] {
            let server = try PythonScriptServer.start("sni_imaps_server.py")
            defer { server.stop() }
            let r = ToolProcess.tool(
                "imap-fetch",
                [
                    "-m", "10", "-k", "--probe", "--resolve", "\(resolveName):\(server.port):127.0.0.1",
                    "imaps://Bücher.example:\(server.port)/",
                ])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "IMAP4REV1\nAUTH=PLAIN\n")
            XCTAssertEqual(server.received, "SNI xn--bcher-kva.example\r\nA001 LOGOUT\r\n")
        }
    }

    /// Without `-k` the certificate (issued for localhost) is checked against the A-label, which
    /// it does not name: exit 60, and nothing is sent. (The message names the address
    /// connected to.)
    func testCertificateIsCheckedAgainstTheALabel() throws {
        let server = try PythonScriptServer.start("sni_imaps_server.py")
        defer { server.stop() }
        let r = ToolProcess.tool(
            "imap-fetch",
            [
                "-m", "10", "--cacert", TestServers.caFile, "--probe", "--resolve",
                "bücher.example:\(server.port):127.0.0.1", "imaps://bücher.example:\(server.port)/",
            ])
        XCTAssertEqual(r.status, 60, r.stderr)
        XCTAssertTrue(r.stderr.contains("certificate does not match the host name"), r.stderr)
        XCTAssertEqual(server.received, "SNI xn--bcher-kva.example\r\n")
    }

    /// A name libidn2 refuses is curl's 3 before anything is sent.
    func testRefusedNameIsURLMalformed() {
        let r = ToolProcess.tool("imap-fetch", ["-m", "10", "--probe", "imaps://a\u{05D0}b.example/"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("Failed to convert"), r.stderr)
    }
}
