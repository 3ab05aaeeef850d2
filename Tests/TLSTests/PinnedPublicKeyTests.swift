import Codec
import GnuTLS
import TLS
import XCTest

final class PinnedPublicKeyTests: XCTestCase {
    private let digestA = [UInt8](repeating: 0xAB, count: 32)
    private let digestB = [UInt8](repeating: 0x01, count: 32)
    private func noFiles(_ path: String) throws -> [UInt8] {
        XCTFail("read \(path)")
        return []
    }

    func testHashLists() throws {
        let one = try PinnedPublicKey.parse("sha256//" + Base64.encode(digestA), readFile: noFiles)
        XCTAssertEqual(one, .sha256(hashes: [digestA]))
        let two = try PinnedPublicKey.parse(
            "sha256//\(Base64.encode(digestA));sha256//\(Base64.encode(digestB))", readFile: noFiles)
        XCTAssertTrue(two.matches(spki: [], sha256: digestB))
        XCTAssertFalse(two.matches(spki: [], sha256: [UInt8](repeating: 0, count: 32)))
    }

    func testMalformedHashesAreRefused() {
        for bad in [
            "sha256//", "sha256//abc", "sha256//" + Base64.encode([1, 2, 3]),
            "sha256//\(Base64.encode(digestA));md5//xyz", "sha256//\(Base64.encode(digestA));",
        ] {
            XCTAssertThrowsError(try PinnedPublicKey.parse(bad, readFile: noFiles), bad) { error in
                XCTAssertEqual((error as? TLSError)?.kind, .pinnedKeyMismatch)
            }
        }
    }

    func testKeyFilesInPEMAndDER() throws {
        let der: [UInt8] = [0x30, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let pem = "-----BEGIN PUBLIC KEY-----\n\(Base64.encode(der))\n-----END PUBLIC KEY-----\n"
        XCTAssertEqual(try PinnedPublicKey.parse("key.pem") { _ in Array(pem.utf8) }, .subjectPublicKeyInfo(der))
        XCTAssertEqual(try PinnedPublicKey.parse("key.der") { _ in der }, .subjectPublicKeyInfo(der))
        XCTAssertTrue(PinnedPublicKey.subjectPublicKeyInfo(der).matches(spki: der, sha256: digestA))
        XCTAssertThrowsError(try PinnedPublicKey.parse("junk.txt") { _ in Array("hello".utf8) })
        struct Missing: Error {}
        XCTAssertThrowsError(try PinnedPublicKey.parse("/missing") { _ in throw Missing() }) { error in
            XCTAssertEqual((error as? TLSError)?.kind, .pinnedKeyMismatch)
        }
    }

    func testSRPPriorityHasOnlySRPKeyExchangesAndTLS12AtMost() throws {
        var c = TLSConfiguration()
        c.srp = SRPCredentials(user: "u", password: "p")
        XCTAssertEqual(
            try GnuTLSPriority.string(for: c), "NORMAL:-KX-ALL:+SRP:+SRP-RSA:+SRP-DSS:-VERS-ALL:+VERS-TLS1.2")
        c.minimumVersion = .tls1_3
        XCTAssertThrowsError(try GnuTLSPriority.string(for: c)) { error in
            XCTAssertEqual((error as? TLSError)?.kind, .handshake)
        }
    }

    func testStatusLinesAndPinLine() {
        var facts = FactsFixture.judged(
            found: [], FactsFixture.configuration(certStatus: true, pin: .sha256(hashes: [digestA])))
        facts.ocspStaple = .good
        let lines = CertificateReport.lines(for: facts, now: 5)
        XCTAssertEqual(lines[1], "  server certificate status verification OK")
        XCTAssertEqual(lines.last, "  public key hash: sha256//" + Base64.encode(FactsFixture.digest))
        facts.ocspStaple = .revoked
        XCTAssertEqual(
            CertificateReport.lines(for: facts, now: 5)[1], "  server certificate status verification FAILED")
        XCTAssertNil(CertificateStatus.good.failureReason)
        XCTAssertNotNil(CertificateStatus.missing.failureReason)
        XCTAssertTrue(CertificateStatus.invalid("x").failureReason!.contains("invalid: x"))
    }
}
