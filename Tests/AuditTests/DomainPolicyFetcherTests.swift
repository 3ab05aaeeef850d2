import HTTP
import TLS
import Transport
import XCTest

@testable import Audit

/// RFC 8461 3.3 on a response head, and how failures are named (the HTTP exchange itself is
/// covered by the integration tests against the policy host).
final class DomainPolicyFetcherTests: XCTestCase {
    func head(_ status: Int, _ fields: [(String, String)]) -> HTTPResponseHead {
        HTTPResponseHead(
            version: .http11, status: status, reason: "",
            fields: fields.map { HTTPField(name: $0.0, value: Array($0.1.utf8)) }, rawBytes: [])
    }

    func check(_ head: HTTPResponseHead) -> DomainPolicyFetch {
        var fetch = DomainPolicyFetch(url: DomainPolicyFetcher.policyURL(domain: "example"))
        do {
            try DomainPolicyFetcher.accept(head, into: &fetch)
        } catch {
            (fetch.failure, fetch.message) = DomainPolicyFetcher.failure(error)
        }
        return fetch
    }

    func testTextPlainWithParametersIsAccepted() {
        XCTAssertNil(check(head(200, [("Content-Type", "text/plain")])).failure)
        XCTAssertNil(check(head(200, [("content-type", " Text/Plain ; charset=utf-8")])).failure)
    }

    func testOtherTypesStatusesAndRedirectsAreRefused() {
        XCTAssertEqual(check(head(200, [("Content-Type", "text/html")])).failure, .contentType)
        XCTAssertEqual(check(head(200, [])).failure, .contentType, "no Content-Type")
        XCTAssertEqual(check(head(200, [("Content-Type", "text/plainx")])).failure, .contentType)
        XCTAssertEqual(check(head(404, [("Content-Type", "text/plain")])).failure, .status)
        let redirect = check(head(302, [("Location", "https://elsewhere.example/p")]))
        XCTAssertEqual(redirect.failure, .redirect)
        XCTAssertEqual(redirect.location, "https://elsewhere.example/p")
        XCTAssertEqual(redirect.resultType, .stsPolicyFetchError)
    }

    func testFailureKinds() {
        let certificate = DomainPolicyFetcher.failure(
            TLSError(.verification(.hostnameMismatch), "certificate does not match the host name"))
        XCTAssertEqual(certificate.0, .certificate)
        XCTAssertEqual(DomainPolicyFetch(url: "u", failure: certificate.0).resultType, .stsWebPKIInvalid)
        XCTAssertEqual(DomainPolicyFetcher.failure(TLSError(.handshake, "x")).0, .connection)
        XCTAssertEqual(DomainPolicyFetcher.failure(TransportError(.timeout, "x")).0, .timeout)
        XCTAssertEqual(DomainPolicyFetcher.failure(TransportError(.connect, "x")).0, .connection)
        XCTAssertEqual(DomainPolicyFetcher.failure(HTTPError(.malformedResponse, "x")).0, .protocolError)
    }
}
