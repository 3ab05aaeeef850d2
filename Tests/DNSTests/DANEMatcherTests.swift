import Foundation
import XCTest

@testable import DNS

/// TLSA matching over a two-certificate chain made with openssl for these tests: an ECDSA test
/// CA (X.509 v3) and a server certificate it signed (v1: no version field). The expected
/// association data are openssl's (`openssl dgst` over `-outform DER` and over `pkey -pubin`).
final class DANEMatcherTests: XCTestCase {
    static let leafDER = Array(
        Data(
            base64Encoded:
                "MIIBLDCB1AIUe5L45lxnSl5J+rH48zh5I4A1wSYwCgYIKoZIzj0EAwIwFzEVMBMGA1UEAwwMREFORSBUZXN0IENBMCAXDTI2MTIw"
                + "NzIzMDIyNFoYDzIxMjYxMTEzMjMwMjI0WjAaMRgwFgYDVQQDDA9teC5tYWlsdGxzLnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMB"
                + "BwNCAARBi85toPk3enMyW0QUGMIaJoe6/QU2avI709r5De2xp4A3NxYigr5SrFrXbRLdT9xCTEppQVURfzqNuwd19N3iMAoGCCqG"
                + "SM49BAMCA0cAMEQCIBYz3KHRsy57BinKkv1Sn47Clxat91dPgYGrHf6iNkS3AiBcbOrNdtdrKTwwhDtZ87Tc4v+koFNo0KBV8e7L"
                + "oE4Pzw==")!)
    static let caDER = Array(
        Data(
            base64Encoded:
                "MIIBhjCCASugAwIBAgIUcaHYtzC7JFb/eo79311Tf4ZTmIcwCgYIKoZIzj0EAwIwFzEVMBMGA1UEAwwMREFORSBUZXN0IENBMCAX"
                + "DTI2MTIwNzIzMDIyNFoYDzIxMjYxMTEzMjMwMjI0WjAXMRUwEwYDVQQDDAxEQU5FIFRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjO"
                + "PQMBBwNCAATvZELEzJZaa7tfIR90NzUi4ktj6PAzVnf5yqOYx58YqB3ufzjK3A6uKUk5hlaxmef7U811WtBSkXuBFukLD/xIo1Mw"
                + "UTAdBgNVHQ4EFgQUSn/vbFS8d2itf39QRrNsJnKST4kwHwYDVR0jBBgwFoAUSn/vbFS8d2itf39QRrNsJnKST4kwDwYDVR0TAQH/"
                + "BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAiwZSNCSplajjqfoj/pT/z/hT2RwBGbH6hNJ35B2rJj0CIQCRs775FItSzwTr+xRB"
                + "zqSQ9n+hFqLVNbplos23NS2/zQ==")!)
    static let leafSPKI = hex(
        "3059301306072a8648ce3d020106082a8648ce3d03010703420004418bce6da0f9377a73325b441418c21a2687bafd05366af23b"
            + "d3daf90dedb1a7803737162282be52ac5ad76d12dd4fdc424c4a694155117f3a8dbb0775f4dde2")
    static let caSPKI = hex(
        "3059301306072a8648ce3d020106082a8648ce3d03010703420004ef6442c4cc965a6bbb5f211f74373522e24b63e8f0335677f9"
            + "caa398c79f18a81dee7f38cadc0eae2949398656b199e7fb53cd755ad052917b8116e90b0ffc48")

    func chain() throws -> [DANECertificate] {
        [try DANECertificate(der: Self.leafDER), try DANECertificate(der: Self.caDER)]
    }

    func testSubjectPublicKeyInfoIsFoundInV1AndV3Certificates() throws {
        XCTAssertEqual(try DANECertificate(der: Self.leafDER).subjectPublicKeyInfo, Self.leafSPKI)
        XCTAssertEqual(try DANECertificate(der: Self.caDER).subjectPublicKeyInfo, Self.caSPKI)
    }

    func testAssociationDataOfEverySelectorAndMatchingType() throws {
        let leaf = try chain()[0]
        XCTAssertEqual(leaf.associationData(selector: 0, matchingType: 0), Self.leafDER)
        XCTAssertEqual(leaf.associationData(selector: 1, matchingType: 0), Self.leafSPKI)
        let digests = [(0, 1), (0, 2), (1, 1), (1, 2)].map {
            hexString(leaf.associationData(selector: UInt8($0.0), matchingType: UInt8($0.1))!)
        }
        XCTAssertEqual(
            digests,
            [
                "552ffb32e01ee4f984837def1d9b701f3648bf2f3c96992656eaa0216061c2a9",
                "63090632f3e6ea531b8b7f9a3e6c100c5b1b016ccc6c6893602b33dfe79f0c1e0f43fb149f9be4e774bfa89d3070d844"
                    + "2e59229b22f2a250b31c2117038eada3",
                "ddf48fb47542f6ea96ec533de77456e039b32e74af9fc3a089e92e65ccc52f56",
                "7979cffd5df6e9c48b4f1fdaf0e10cb024defe003ac7ca22b977d517b1ffed3c621bc9670dacd295d8db30311c2abddc"
                    + "c7d0c1881e5af7a73b2cf1eb42c6779d",
            ])
        XCTAssertNil(leaf.associationData(selector: 2, matchingType: 1))
        XCTAssertNil(leaf.associationData(selector: 1, matchingType: 3))
    }

    func testDANEEEMatchesTheServerCertificateOnly() throws {
        let leafKey = TLSARecord(
            usage: 3, selector: 1, matchingType: 1,
            data: hex("ddf48fb47542f6ea96ec533de77456e039b32e74af9fc3a089e92e65ccc52f56"))
        let caAsEE = TLSARecord(
            usage: 3, selector: 0, matchingType: 1,
            data: hex("862ba6e969750e5c28be254b79b0224314fca322f2229272e46cfb77c5cf26d5"))
        let matches = DANEMatcher.matches(records: [caAsEE, leafKey], chain: try chain())
        XCTAssertEqual(matches, [DANEMatch(record: leafKey, depth: 0)])
    }

    func testDANETAMatchesTheCertificatesAboveTheServer() throws {
        let ca = TLSARecord(
            usage: 2, selector: 0, matchingType: 1,
            data: hex("862ba6e969750e5c28be254b79b0224314fca322f2229272e46cfb77c5cf26d5"))
        let caKey512 = TLSARecord(
            usage: 2, selector: 1, matchingType: 2,
            data: hex(
                "e2b978a34a3be577b6e76bc1dbdfd55c56cedf018f4d7b137750b1136aef44b66f50d0a41f8314a4664ea2311d0c9549"
                    + "d374a7268506cdf310ee0f2573b1ddc8"))
        let leafAsTA = TLSARecord(usage: 2, selector: 1, matchingType: 0, data: Self.leafSPKI)
        let caExact = TLSARecord(usage: 2, selector: 0, matchingType: 0, data: Self.caDER)
        let matches = DANEMatcher.matches(records: [ca, caKey512, leafAsTA, caExact], chain: try chain())
        XCTAssertEqual(matches.map(\.record), [ca, caKey512, caExact])
        XCTAssertEqual(matches.map(\.depth), [1, 1, 1])
        // A leaf-only chain has nothing for DANE-TA to match.
        XCTAssertEqual(DANEMatcher.matches(records: [ca], chain: [try chain()[0]]), [])
    }

    func testUnusableAndStaleRecordsMatchNothing() throws {
        let pkix = TLSARecord(
            usage: 1, selector: 1, matchingType: 1,
            data: hex("ddf48fb47542f6ea96ec533de77456e039b32e74af9fc3a089e92e65ccc52f56"))
        let stale = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: [UInt8](repeating: 0, count: 32))
        XCTAssertEqual(DANEMatcher.matches(records: [pkix, stale], chain: try chain()), [])
        XCTAssertEqual(DANEMatcher.matches(records: [stale], chain: []), [])
    }

    func testMalformedCertificatesAreRefused() {
        let leaf = Self.leafDER
        let malformed: [[UInt8]] = [
            [], [0x30], [0x30, 0x80], Array(leaf.dropLast()), leaf + [0], [0x31] + leaf.dropFirst(),
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF],
        ]
        for bad in malformed {
            XCTAssertThrowsError(try DANECertificate(der: bad), "\(bad.prefix(8))")
        }
    }
}
