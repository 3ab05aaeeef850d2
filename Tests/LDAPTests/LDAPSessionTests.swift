import ExitCode
import TLS
import Transport
import TransportFakes
import XCTest

@testable import LDAP

final class LDAPSessionTests: XCTestCase {
    private func result(_ tag: UInt8, id: UInt8, code: UInt8, _ diagnostic: String = "") -> [UInt8] {
        let body = hex("0a 01") + [code] + hex("04 00") + [0x04, UInt8(diagnostic.utf8.count)] + Array(diagnostic.utf8)
        let op = [tag, UInt8(body.count)] + body
        return [0x30, UInt8(3 + op.count), 0x02, 0x01, id] + op
    }

    private func session(_ script: [UInt8]) -> (LDAPSession, ScriptedServer) {
        let server = ScriptedServer(script)
        return (LDAPSession(stream: ByteStream(transport: server), trace: SilentTrace()), server)
    }

    private let request = SearchRequest(baseObject: "dc=x", scope: .wholeSubtree, filter: .everything)

    func testSearchStreamsEntriesAndReferences() throws {
        let reference = hex("30 0c 02 01 01 73 07 04 05") + Array("ldap:".utf8)
        var entry = LDAPMessageTests.entry
        entry[4] = 1
        let (ldap, server) = session(entry + reference + entry + result(0x65, id: 1, code: 0))
        var events: [String] = []
        let done = try ldap.search(request) { event in
            switch event {
            case .entry(let e): events.append(String(decoding: e.objectName, as: UTF8.self))
            case .reference(let uris): events.append(uris.joined())
            }
        }
        XCTAssertEqual(done.resultCode, .success)
        XCTAssertEqual(events, ["uid=a", "ldap:", "uid=a"])
        XCTAssertEqual(server.sent, LDAPRequest.search(request).message(id: 1))
    }

    func testSearchFailuresMapToCurlsCodes() {
        let table: [(UInt8, CurlCode)] = [(32, .remoteFileNotFound), (50, .ldapSearchFailed), (10, .ldapSearchFailed)]
        for (code, curl) in table {
            let (ldap, _) = session(result(0x65, id: 1, code: code, "why"))
            XCTAssertThrowsError(try ldap.search(request) { _ in }) { error in
                XCTAssertEqual((error as? LDAPError)?.curlCode, curl, "result \(code)")
            }
        }
        let (limited, _) = session(result(0x65, id: 1, code: 4))
        XCTAssertEqual(try limited.search(request) { _ in }.resultCode, .sizeLimitExceeded)
    }

    func testBindResultsMapToCurlsCodes() throws {
        let (ok, server) = session(result(0x61, id: 1, code: 0))
        try ok.bind(name: "cn=a", password: "pw")
        XCTAssertEqual(server.sent, LDAPRequest.simpleBind(name: "cn=a", password: Array("pw".utf8)).message(id: 1))
        let table: [(UInt8, CurlCode)] = [(49, .loginDenied), (48, .ldapCannotBind), (53, .ldapCannotBind)]
        for (code, curl) in table {
            let (ldap, _) = session(result(0x61, id: 1, code: code))
            XCTAssertThrowsError(try ldap.bind(name: "cn=a", password: "pw")) {
                XCTAssertEqual(($0 as? LDAPError)?.curlCode, curl)
            }
        }
    }

    func testAnEmptyPasswordWithADNIsNotSent() throws {
        let (ldap, server) = session(result(0x61, id: 1, code: 0))
        XCTAssertThrowsError(try ldap.bind(name: "cn=a", password: "")) {
            XCTAssertEqual(($0 as? LDAPError)?.curlCode, .loginDenied)
        }
        XCTAssertEqual(server.sent, [])
        try ldap.bind(name: "", password: "")
    }

    func testStartTLSRefusalFollowsThePolicy() throws {
        let refusal = hex("30 0c 02 01 01 78 07 0a 01 02 04 00 04 00")
        let (required, _) = session(refusal)
        XCTAssertThrowsError(try required.startTLS(FakeTLS.upgrade(.required))) {
            XCTAssertEqual(($0 as? TLSRequiredError)?.curlCode, .useSSLFailed)
        }
        let (optional, _) = session(refusal + result(0x65, id: 2, code: 0))
        try optional.startTLS(FakeTLS.upgrade(.ifOffered))
        XCTAssertFalse(optional.isSecure)
        XCTAssertEqual(try optional.search(request) { _ in }.resultCode, .success)
        let (never, server) = session([])
        try never.startTLS(FakeTLS.upgrade(.never))
        XCTAssertEqual(server.sent, [])
    }

    /// DESIGN.md rule 2: `--ssl` goes on in plaintext only when the server does not offer
    /// StartTLS: protocolError (RFC 4511 section 4.12, an unknown extended operation; 4.14.2,
    /// "TLS not supported") or unavailable (slapd without TLS configured). Any other refusal
    /// is from a server that knows StartTLS: 64 before anything else is sent.
    func testOnlyAServerWithoutStartTLSLetsSSLGoOnInPlaintext() throws {
        for code: UInt8 in [2, 52] {
            let (ldap, _) = session(result(0x78, id: 1, code: code))
            try ldap.startTLS(FakeTLS.upgrade(.ifOffered))
            XCTAssertFalse(ldap.isSecure)
        }
        for code: UInt8 in [1, 8, 13, 53, 80] {
            let (ldap, server) = session(result(0x78, id: 1, code: code) + result(0x65, id: 2, code: 0))
            XCTAssertThrowsError(try ldap.startTLS(FakeTLS.upgrade(.ifOffered)), "result \(code)") {
                XCTAssertEqual(($0 as? TLSRequiredError)?.curlCode, .useSSLFailed, "result \(code)")
            }
            XCTAssertEqual(server.sent, LDAPRequest.extended(name: LDAPRequest.startTLSName, value: nil).message(id: 1))
        }
    }

    /// `-v` shows the DN of each entry and the server's diagnostics; a line end in them must not
    /// start a line of its own in the trace.
    func testServerTextInTheTraceCannotForgeLines() throws {
        let name = "uid=a\n< [2] SearchResultDone success (0)"
        let entry = BERWriter.constructed(
            BERTag.sequence,
            [
                BERWriter.integer(1),
                BERWriter.constructed(
                    BERTag.application(4, constructed: true),
                    [BERWriter.octetString(name), BERWriter.constructed(BERTag.sequence, [])]),
            ])
        let trace = RecordingTrace()
        let server = ScriptedServer(entry + result(0x65, id: 1, code: 0, "a\nb"))
        let ldap = LDAPSession(stream: ByteStream(transport: server), trace: trace)
        try ldap.search(request) { _ in }
        XCTAssertEqual(trace.received.count, 2)
        for line in trace.received { XCTAssertFalse(line.contains("\n"), line) }
    }

    func testBytesAfterTheStartTLSGoAheadAreRefused() {
        let goAhead = hex("30 0c 02 01 01 78 07 0a 01 00 04 00 04 00")
        let (ldap, _) = session(goAhead + hex("30 00"))
        XCTAssertThrowsError(try ldap.startTLS(FakeTLS.upgrade(.required))) {
            XCTAssertEqual(($0 as? DataBeforeHandshakeError)?.curlCode, .weirdServerReply)
        }
    }

    func testWrongIDsNoticesAndClosesAreErrors() {
        let (wrongID, _) = session(result(0x65, id: 7, code: 0))
        XCTAssertThrowsError(try wrongID.search(request) { _ in }) {
            XCTAssertEqual(($0 as? LDAPError)?.curlCode, .weirdServerReply)
        }
        let notice = hex("30 0c 02 01 00 78 07 0a 01 34 04 00 04 00")
        let (disconnect, _) = session(notice)
        XCTAssertThrowsError(try disconnect.search(request) { _ in }) {
            XCTAssertEqual(($0 as? LDAPError)?.curlCode, .recvError)
        }
        let (closed, _) = session([])
        XCTAssertThrowsError(try closed.search(request) { _ in }) {
            XCTAssertEqual(($0 as? LDAPError)?.curlCode, .recvError)
        }
        let (wrongType, _) = session(result(0x61, id: 1, code: 0))
        XCTAssertThrowsError(try wrongType.search(request) { _ in }) {
            XCTAssertEqual(($0 as? LDAPError)?.curlCode, .weirdServerReply)
        }
    }
}
