import Codec
import Foundation
import TLS
import XCTest

/// Pins the data shape of the facts (a JSON renderer will write exactly this): field names,
/// value forms, and no secrets.
final class TLSFactsEncodingTests: XCTestCase {
    private func json(_ value: some Encodable) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testTopLevelFieldNames() throws {
        var facts = FactsFixture.judged()
        facts.warningAlerts = [TLSAlert(level: .warning, number: 112)]
        let object = try json(facts)
        XCTAssertEqual(
            object.keys.sorted(),
            [
                "alpn", "authentication", "channelBindingType", "cipherSuite", "hostnameMatched", "keyExchangeGroup",
                "ocspRequired", "ocspStaple", "peerCertificates", "pinnedPublicKeyMatched", "resumed", "serverName",
                "signatureAlgorithm", "trust", "verification", "version", "warningAlerts",
            ])
        XCTAssertEqual(object["version"] as? String, "TLS1.3")
        XCTAssertEqual(object["cipherSuite"] as? String, "TLS_AES_256_GCM_SHA384")
        XCTAssertEqual(object["keyExchangeGroup"] as? String, "X25519")
        XCTAssertEqual(object["authentication"] as? String, "certificate")
        XCTAssertEqual(object["channelBindingType"] as? String, "tls-exporter")
        XCTAssertTrue(object["alpn"] is NSNull, "absent values are null, not missing keys")
        XCTAssertTrue(object["pinnedPublicKeyMatched"] is NSNull)
        XCTAssertEqual(object["resumed"] as? Bool, false)
        let alerts = try XCTUnwrap(object["warningAlerts"] as? [[String: Any]])
        XCTAssertEqual(alerts.first?.keys.sorted(), ["level", "name", "number"])
        XCTAssertEqual(alerts.first?["name"] as? String, "unrecognized_name")
        XCTAssertEqual(alerts.first?["level"] as? String, "warning")
    }

    func testCertificateFieldsAndKeyEncodings() throws {
        let object = try json(FactsFixture.judged())
        let chain = try XCTUnwrap(object["peerCertificates"] as? [[String: Any]])
        XCTAssertEqual(chain.count, 2, "the whole chain, leaf first")
        let leaf = chain[0]
        XCTAssertEqual(
            leaf.keys.sorted(),
            [
                "commonName", "dnsNames", "ipAddresses", "issuer", "notAfter", "notBefore", "publicKeyAlgorithm",
                "publicKeyBits", "publicKeyPin", "subject", "subjectPublicKeyInfo", "version",
            ])
        XCTAssertEqual(leaf["subjectPublicKeyInfo"] as? String, Base64.encode(FactsFixture.spki), "DER as base64")
        XCTAssertEqual(leaf["publicKeyPin"] as? String, "sha256//" + Base64.encode(FactsFixture.digest))
        XCTAssertEqual(leaf["notBefore"] as? Int, 1000, "seconds since the epoch")
        XCTAssertEqual(leaf["dnsNames"] as? [String], ["localhost"])
        XCTAssertEqual(leaf["ipAddresses"] as? [String], ["127.0.0.1"])
    }

    func testVerdictStapleAndTrustShapes() throws {
        var raw = FactsFixture.certificateFacts()
        raw.ocspStaple = .invalid("bad signature")
        raw.trust = [
            .file(path: "/ca.pem", certificates: 1), .directory(path: "/certs", certificates: 3),
            .system(certificates: 140),
        ]
        let object = try json(
            FactsFixture.judged(raw, found: [.expired], FactsFixture.configuration(verifyPeer: false)))
        let verdict = try XCTUnwrap(object["verification"] as? [String: Any])
        XCTAssertEqual(verdict["result"] as? String, "skipped")
        XCTAssertEqual(verdict["reasons"] as? [String], ["expired"])
        let staple = try XCTUnwrap(object["ocspStaple"] as? [String: Any])
        XCTAssertEqual(staple["status"] as? String, "invalid")
        XCTAssertEqual(staple["reason"] as? String, "the stapled OCSP response is invalid: bad signature")
        let trust = try XCTUnwrap(object["trust"] as? [[String: Any]])
        XCTAssertEqual(trust.map { $0["kind"] as? String }, ["file", "directory", "system"])
        XCTAssertEqual(trust[0]["path"] as? String, "/ca.pem")
        XCTAssertEqual(trust[2]["certificates"] as? Int, 140)
        XCTAssertNil(trust[2]["path"])
        for (verdict, result) in [
            (VerificationVerdict.verified, "verified"), (.failed(reasons: [.revoked]), "failed"),
            (.srpAuthenticated, "srpAuthenticated"),
        ] {
            XCTAssertEqual(try json(verdict)["result"] as? String, result)
        }
    }

    func testTLSVersionIsCodableByItsDisplayName() throws {
        let data = try JSONEncoder().encode([TLSVersion.tls1_2, .tls1_3])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["TLS1.2","TLS1.3"]"#)
        XCTAssertEqual(try JSONDecoder().decode([TLSVersion].self, from: data), [.tls1_2, .tls1_3])
        XCTAssertThrowsError(try JSONDecoder().decode([TLSVersion].self, from: Data(#"["SSL3"]"#.utf8)))
    }
}
