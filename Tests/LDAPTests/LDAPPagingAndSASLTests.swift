import ExitCode
import SASL
import Transport
import TransportFakes
import XCTest

@testable import LDAP

final class LDAPPagingAndSASLTests: XCTestCase {
    /// SearchResultDone success for message `id` with a paged-results control carrying `cookie`.
    private func pagedDone(id: UInt8, cookie: [UInt8]) -> [UInt8] {
        let value = BERWriter.constructed(BERTag.sequence, [BERWriter.integer(0), BERWriter.octetString(cookie)])
        let control = LDAPControl(controlType: PagedResultsControl.oid, controlValue: value).encoded
        let done = BERWriter.constructed(
            BERTag.application(5, constructed: true),
            [BERWriter.integer(0, tag: BERTag.enumerated), BERWriter.octetString(""), BERWriter.octetString("")])
        return BERWriter.constructed(
            BERTag.sequence,
            [
                BERWriter.integer(Int64(id)), done,
                BERWriter.constructed(BERTag.context(0, constructed: true), [control]),
            ])
    }

    private func entry(id: UInt8) -> [UInt8] {
        var bytes = LDAPMessageTests.entry
        bytes[4] = id
        return bytes
    }

    func testPagesAreRequestedUntilTheCookieIsEmpty() throws {
        let script = entry(id: 1) + pagedDone(id: 1, cookie: [7]) + entry(id: 2) + pagedDone(id: 2, cookie: [])
        let server = ScriptedServer(script)
        let session = LDAPSession(stream: ByteStream(transport: server), trace: SilentTrace())
        let request = SearchRequest(baseObject: "dc=x", scope: .singleLevel, filter: .everything)
        var count = 0
        try session.search(request, pageSize: 1) { _ in count += 1 }
        XCTAssertEqual(count, 2)
        let first = LDAPRequest.search(request).message(id: 1, controls: [PagedResultsControl(size: 1).control])
        let second = LDAPRequest.search(request).message(
            id: 2, controls: [PagedResultsControl(size: 1, cookie: [7]).control])
        XCTAssertEqual(server.sent, first + second)
    }

    /// A server that answers a page with no entry and the cookie it was sent would be asked
    /// again and again: a protocol error (8), found on the second page, not after 2^24.
    func testAnEmptyPageWithTheSameCookieEndsTheSearch() {
        let script =
            entry(id: 1) + pagedDone(id: 1, cookie: [7]) + pagedDone(id: 2, cookie: [7])
            + pagedDone(id: 3, cookie: [7])
        let session = LDAPSession(stream: ByteStream(transport: ScriptedServer(script)), trace: SilentTrace())
        let request = SearchRequest(baseObject: "dc=x", scope: .singleLevel, filter: .everything)
        XCTAssertThrowsError(try session.search(request, pageSize: 1) { _ in }) { error in
            XCTAssertEqual((error as? any CurlCodeError)?.curlCode, .weirdServerReply, "\(error)")
        }
    }

    private func bindResponse(code: UInt8) -> [UInt8] {
        hex("30 0c 02 01 01 61 07 0a 01") + [code] + hex("04 00 04 00")
    }

    private func external() throws -> SASLClient {
        try SASLClient(
            mechanism: .external, service: .ldap, serverHost: "peer.test", credentials: SASLCredentials(user: ""),
            tlsProtected: true)
    }

    func testSASLExternalBind() throws {
        let server = ScriptedServer(bindResponse(code: 0))
        let session = LDAPSession(stream: ByteStream(transport: server), trace: SilentTrace())
        try session.bind(sasl: try external())
        let sent = try XCTUnwrap(server.sent.isEmpty ? nil : server.sent)
        XCTAssertTrue(
            sent == LDAPRequest.saslBind(name: "", mechanism: "EXTERNAL", credentials: []).message(id: 1)
                || sent == LDAPRequest.saslBind(name: "", mechanism: "EXTERNAL", credentials: nil).message(id: 1),
            "\(sent)")
        let table: [(UInt8, CurlCode)] = [(49, .loginDenied), (48, .ldapCannotBind)]
        for (code, curl) in table {
            let refusing = LDAPSession(
                stream: ByteStream(transport: ScriptedServer(bindResponse(code: code))), trace: SilentTrace())
            XCTAssertThrowsError(try refusing.bind(sasl: try external())) {
                XCTAssertEqual(($0 as? any CurlCodeError)?.curlCode, curl, "\($0)")
            }
        }
    }
}
