import TLS
import XCTest

final class TrustStoreTests: XCTestCase {
    func testCurlPrecedence() {
        let env = ["CURL_CA_BUNDLE": "/bundle.pem", "SSL_CERT_FILE": "/file.pem", "SSL_CERT_DIR": "/dir"]
        let table: [(String?, String?, [String: String], TrustStore)] = [
            (nil, nil, [:], .system),
            ("/ca.pem", nil, env, TrustStore(caFile: "/ca.pem", caPath: nil)),
            (nil, "/capath", env, TrustStore(caFile: nil, caPath: "/capath")),
            ("/ca.pem", "/capath", env, TrustStore(caFile: "/ca.pem", caPath: "/capath")),
            (nil, nil, env, TrustStore(caFile: "/bundle.pem", caPath: nil)),
            (
                nil, nil, ["SSL_CERT_FILE": "/file.pem", "SSL_CERT_DIR": "/dir"],
                TrustStore(caFile: "/file.pem", caPath: "/dir")
            ),
            (nil, nil, ["SSL_CERT_DIR": "/dir"], TrustStore(caFile: nil, caPath: "/dir")),
            (nil, nil, ["CURL_CA_BUNDLE": ""], .system),
        ]
        for (cacert, capath, environment, expected) in table {
            XCTAssertEqual(
                TrustStore.resolve(cacert: cacert, capath: capath, environment: environment), expected,
                "\(String(describing: cacert)) \(String(describing: capath)) \(environment)")
        }
        XCTAssertTrue(TrustStore.system.usesSystemStore)
    }
}
