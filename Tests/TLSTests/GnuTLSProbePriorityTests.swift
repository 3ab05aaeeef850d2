import GnuTLS
import TLS
import XCTest

/// The priority strings of scan offers, and the suites and groups this GnuTLS can offer.
final class GnuTLSProbePriorityTests: XCTestCase {
    func testAVersionProbeOffersEverythingForOneVersion() {
        XCTAssertEqual(
            GnuTLSProbePriority.string(for: TLSProbeOffer(version: .tls1_0), base: "NORMAL"),
            "NORMAL:-VERS-ALL:+VERS-TLS1.0")
        XCTAssertTrue(GnuTLSProbePriority.broadBase.hasPrefix("NORMAL:"))
        XCTAssertTrue(GnuTLSProbePriority.broadBase.contains(":+3DES-CBC"))
    }

    func testEachRestrictedDimensionReplacesTheBasesList() {
        let offer = TLSProbeOffer(
            version: .tls1_2, keyExchanges: ["ECDHE-RSA", "RSA"], ciphers: ["AES-128-GCM", "AES-256-CBC"],
            macs: ["AEAD", "SHA1"], groups: ["X25519", "SECP256R1"])
        XCTAssertEqual(
            GnuTLSProbePriority.string(for: offer, base: "NORMAL"),
            "NORMAL:-KX-ALL:+ECDHE-RSA:+RSA:-CIPHER-ALL:+AES-128-GCM:+AES-256-CBC:-MAC-ALL:+AEAD:+SHA1"
                + ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:-VERS-ALL:+VERS-TLS1.2")
        XCTAssertEqual(
            GnuTLSProbePriority.string(
                for: TLSProbeOffer(version: .tls1_3, ciphers: ["CHACHA20-POLY1305"]), base: "NORMAL"),
            "NORMAL:-CIPHER-ALL:+CHACHA20-POLY1305:-VERS-ALL:+VERS-TLS1.3")
    }

    func testTheSuitesThisGnuTLSCanOffer() throws {
        let suites = GnuTLSScanner.offerableSuites
        let tls13 = suites.filter { $0.minimumVersion == .tls1_3 }
        XCTAssertEqual(
            Set(tls13.map(\.name)),
            [
                "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
                "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256",
            ])
        XCTAssertTrue(tls13.allSatisfy { $0.keyExchange == nil })
        let gcm = try XCTUnwrap(suites.first { $0.id == 0xC030 })
        XCTAssertEqual(gcm.ianaName, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
        XCTAssertEqual(gcm.hexID, "0xC0,0x30")
        XCTAssertEqual(gcm.keyExchange, "ECDHE-RSA")
        XCTAssertEqual(gcm.cipher, "AES-256-GCM")
        XCTAssertEqual(gcm.mac, "AEAD")
        XCTAssertEqual(gcm.minimumVersion, .tls1_2)
        let cbc = try XCTUnwrap(suites.first { $0.id == 0x002F })
        XCTAssertEqual(cbc.ianaName, "TLS_RSA_WITH_AES_128_CBC_SHA")
        XCTAssertTrue(cbc.isUsable(with: .tls1_0))
        XCTAssertFalse(gcm.isUsable(with: .tls1_1))
        XCTAssertGreaterThan(suites.filter { $0.isUsable(with: .tls1_2) }.count, 60, "the legacy ones too")
        XCTAssertEqual(Set(suites.map(\.id)).count, suites.count)
        XCTAssertTrue(Set(GnuTLSScanner.offerableGroups).isSuperset(of: ["X25519", "SECP256R1", "FFDHE2048"]))
    }
}
