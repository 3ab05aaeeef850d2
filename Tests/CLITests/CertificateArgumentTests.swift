import XCTest

@testable import CLI

final class CertificateArgumentTests: XCTestCase {
    func testCurlsColonEscape() {
        let table: [(String, String, String?)] = [
            ("client.pem", "client.pem", nil),
            ("client.pem:secret", "client.pem", "secret"),
            ("client.pem:", "client.pem", ""),
            ("c\\:\\\\dir\\:x.pem:pw", "c:\\\\dir:x.pem", "pw"),
            ("client.pem:pass:with:colons", "client.pem", "pass:with:colons"),
            ("client.pem:pa\\:ss", "client.pem", "pa:ss"),
            ("a\\b.pem", "a\\b.pem", nil),
        ]
        for (argument, file, password) in table {
            let split = CertificateArgument.split(argument)
            XCTAssertEqual(split.file, file, argument)
            XCTAssertEqual(split.password, password, argument)
        }
    }

    func testClientCertificateOptions() throws {
        var options = TLSOptions()
        for option in try OptionParser(specs: TLSOptions.specs).parse(
            ["-E", "c.p12:pw", "--cert-type", "p12", "--key-type", "der", "--pass", "other"]).options
        {
            _ = try options.apply(option)
        }
        let client = options.clientCertificate(prompt: FakePasswordPrompt(answer: nil))
        XCTAssertEqual(client?.certificateFile, "c.p12")
        XCTAssertEqual(client?.certificateType, .p12)
        XCTAssertEqual(client?.keyType, .der)
        XCTAssertEqual(client?.password, "other", "--pass wins over the inline password")
        var bad = TLSOptions()
        XCTAssertThrowsError(
            try bad.apply(try OptionParser(specs: TLSOptions.specs).parse(["--key-type", "P12"]).options[0]))
        XCTAssertThrowsError(
            try bad.apply(try OptionParser(specs: TLSOptions.specs).parse(["--tlsauthtype", "PSK"]).options[0]))
    }

    func testSRPNeedsBothHalves() throws {
        var options = TLSOptions()
        _ = try options.apply(try OptionParser(specs: TLSOptions.specs).parse(["--tlsuser", "u"]).options[0])
        XCTAssertThrowsError(try options.configuration(environment: [:], libraryVersion: "GnuTLS/3")) { error in
            XCTAssertEqual((error as? ToolError)?.curlCode, .failedInit)
        }
        _ = try options.apply(try OptionParser(specs: TLSOptions.specs).parse(["--tlspassword", "p"]).options[0])
        XCTAssertEqual(try options.configuration(environment: [:], libraryVersion: "GnuTLS/3").srp?.user, "u")
    }
}
