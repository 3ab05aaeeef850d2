import Foundation
import TLS
import XCTest

/// The scan's decisions against a simulated server: versions each alone, the box-splitting
/// suite enumeration, server order, groups, budget, spacing, and "unreachable" ending a scan.
final class TLSScanTests: XCTestCase {
    private func scan(
        _ server: SimulatedTLSServer, options: TLSScanOptions = TLSScanOptions(),
        pause: @escaping (Double) -> Void = { _ in }
    ) -> TLSScanResult {
        TLSScan.run(
            prober: server, catalogue: server.catalogue, groups: server.allGroups, options: options, pause: pause)
    }

    private func names(_ suites: [TLSCipherSuite]) -> [String] { suites.map(\.name) }

    private func postfixLike() -> SimulatedTLSServer {
        let server = SimulatedTLSServer()
        server.suites = [
            "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_AES_256_GCM_AEAD", "TLS_ECDHE_RSA_CHACHA20_POLY1305_AEAD",
            "TLS_ECDHE_RSA_AES_128_GCM_AEAD", "TLS_ECDHE_RSA_AES_128_CBC_SHA256", "TLS_RSA_AES_256_GCM_AEAD",
            "TLS_RSA_AES_128_CBC_SHA1", "TLS_DHE_RSA_AES_128_GCM_AEAD",
        ]
        return server
    }

    func testVersionsAreProbedAloneNewestFirstAndGraded() {
        let server = postfixLike()
        server.versions = [.tls1_0, .tls1_2, .tls1_3]
        let result = scan(server)
        XCTAssertEqual(Array(server.offers.prefix(4)).map(\.version), [.tls1_3, .tls1_2, .tls1_1, .tls1_0])
        XCTAssertEqual(
            Array(server.offers.prefix(4)).map(\.ciphers), [nil, nil, nil, nil], "a version probe offers all")
        XCTAssertEqual(result.versions.map(\.status), [.accepted, .accepted, .refused, .accepted])
        XCTAssertEqual(result.versions.map(\.grade), [.ok, .ok, .insufficient, .insufficient])
        XCTAssertEqual(result.versions[2].reason, "protocol_version")
        XCTAssertEqual(result.acceptedVersions, [.tls1_3, .tls1_2, .tls1_0])
    }

    func testEnumeratesExactlyTheAcceptedSuitesWithinTwoConnectionsEach() throws {
        let server = postfixLike()
        let result = scan(server)
        XCTAssertNil(result.stopped)
        XCTAssertEqual(result.cipherSuites.map(\.version), [.tls1_3, .tls1_2])
        let tls13 = try XCTUnwrap(result.cipherSuites.first { $0.version == .tls1_3 })
        XCTAssertEqual(
            names(tls13.accepted), ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"])
        let tls12 = try XCTUnwrap(result.cipherSuites.first { $0.version == .tls1_2 })
        let expected = Array(server.suites.dropFirst(3))
        XCTAssertEqual(Set(names(tls12.accepted)), Set(expected))
        XCTAssertEqual(tls12.accepted.first?.name, "TLS_ECDHE_RSA_AES_256_GCM_AEAD", "first: the server's pick of all")
        let usable = server.catalogue.filter { $0.isUsable(with: .tls1_2) }
        XCTAssertEqual(Set(names(tls12.refused)), Set(names(usable)).subtracting(expected))
        XCTAssertTrue(tls12.isComplete)
        let suiteProbes = result.probes.filter { $0.purpose == "suites" && $0.offer.version == .tls1_2 }
        XCTAssertLessThanOrEqual(suiteProbes.count, 2 * expected.count + 2, "far fewer than one per suite")
        XCTAssertLessThan(suiteProbes.count, usable.count + expected.count)
    }

    func testEveryOfferHoldsOnlySuitesNotYetSettled() {
        let server = postfixLike()
        let result = scan(server)
        var settled: Set<String> = []
        for probe in result.probes where probe.purpose == "suites" && probe.offer.version == .tls1_2 {
            let offer = probe.offer
            let offered = server.catalogue.filter {
                $0.isUsable(with: .tls1_2) && (offer.keyExchanges?.contains($0.keyExchange ?? "") ?? true)
                    && (offer.ciphers?.contains($0.cipher) ?? true) && (offer.macs?.contains($0.mac) ?? true)
            }
            XCTAssertFalse(offered.isEmpty, "\(offer)")
            XCTAssertTrue(Set(offered.map(\.name)).isDisjoint(with: settled), "\(offer)")
            if let accepted = probe.accepted {
                settled.insert(accepted.cipherSuite)
            } else {
                settled.formUnion(offered.map(\.name))
            }
        }
        XCTAssertEqual(settled.count, server.catalogue.filter { $0.isUsable(with: .tls1_2) }.count)
    }

    func testServerOrderIsDetectedBothWays() throws {
        let server = postfixLike()
        XCTAssertEqual(scan(server).cipherSuites.map(\.serverOrder), [.server, .server])
        server.prefersOwnOrder = false
        let result = scan(server)
        XCTAssertEqual(result.cipherSuites.map(\.serverOrder), [.client, .client])
        let order = result.probes.filter { $0.purpose == "order" }
        XCTAssertEqual(order.count, 4)
        XCTAssertEqual(order[0].offer.ciphers, order[1].offer.ciphers.map { Array($0.reversed()) })
        XCTAssertEqual(order[0].offer.ciphers?.count, 2)
    }

    func testGroupsAreEnumeratedUnderTheNewestVersion() {
        let server = postfixLike()
        server.groups = ["SECP384R1", "X25519"]
        let result = scan(server)
        XCTAssertEqual(result.groups.version, .tls1_3)
        XCTAssertEqual(result.groups.accepted, ["SECP384R1", "X25519"])
        XCTAssertEqual(Set(result.groups.refused), ["SECP256R1", "FFDHE2048"])
        XCTAssertEqual(result.groups.notTested, [])

        server.versions = [.tls1_2]
        let tls12 = scan(server)
        XCTAssertEqual(tls12.groups.version, .tls1_2)
        XCTAssertEqual(Set(tls12.groups.accepted), ["SECP384R1", "X25519"])
        XCTAssertEqual(tls12.groups.refused, ["SECP256R1"], "no finite-field groups under TLS 1.2")
    }

    func testRenegotiationAndExtendedMasterSecretComeFromATLS12Handshake() {
        let server = postfixLike()
        server.secureRenegotiation = false
        server.extendedMasterSecret = true
        let result = scan(server)
        XCTAssertEqual(result.secureRenegotiation, false)
        XCTAssertEqual(result.extendedMasterSecret, true)
        server.versions = [.tls1_3]
        let tls13Only = scan(server)
        XCTAssertNil(tls13Only.secureRenegotiation, "TLS 1.3 has neither")
        XCTAssertNil(tls13Only.extendedMasterSecret)
    }

    func testTheBudgetEndsTheScanAndLeavesTheRestUntested() throws {
        let server = postfixLike()
        let result = scan(server, options: TLSScanOptions(connectionBudget: 6))
        XCTAssertEqual(result.connectionsUsed, 6)
        XCTAssertEqual(server.offers.count, 6)
        XCTAssertEqual(result.stopped?.kind, .budgetExhausted)
        let tls12 = try XCTUnwrap(result.cipherSuites.first { $0.version == .tls1_2 })
        XCTAssertFalse(tls12.isComplete)
        XCTAssertEqual(tls12.accepted, [])
        XCTAssertEqual(result.groups.accepted, [])
    }

    func testAnUnreachableServerEndsTheScanWithoutSayingNotSupported() {
        let server = postfixLike()
        server.unreachableFrom = 2
        let result = scan(server)
        XCTAssertEqual(result.stopped?.kind, .unreachableOrRateLimited)
        XCTAssertEqual(result.stopped?.reason, "421 4.7.0 Too many connections")
        XCTAssertEqual(result.versions.map(\.status), [.accepted, .notTested, .notTested, .notTested])
        XCTAssertEqual(result.connectionsUsed, 2)
        XCTAssertEqual(server.offers.count, 2, "nothing more after the refusal")
        XCTAssertEqual(result.probes.last?.status, .notTested)
    }

    func testConnectionsAreSpaced() {
        let server = postfixLike()
        var pauses: [Double] = []
        let result = scan(server, options: TLSScanOptions(connectionBudget: 5, spacing: 0.25)) { pauses.append($0) }
        XCTAssertEqual(pauses, [0.25, 0.25, 0.25, 0.25], "between connections, not before the first")
        XCTAssertEqual(result.connectionsUsed, 5)
    }

    func testOnlyTheRequestedVersionsAreProbed() {
        let server = postfixLike()
        let result = scan(server, options: TLSScanOptions(versions: [.tls1_2], enumerateLegacySuites: false))
        XCTAssertEqual(result.versions.map(\.status), [.notTested, .accepted, .notTested, .notTested])
        XCTAssertEqual(result.cipherSuites.map(\.version), [.tls1_2])
    }

    func testTheResultEncodesEveryKey() throws {
        let server = postfixLike()
        let data = try JSONEncoder().encode(scan(server, options: TLSScanOptions(connectionBudget: 8)))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            [
                "versions", "cipherSuites", "groups", "secureRenegotiation", "extendedMasterSecret", "connectionsUsed",
                "connectionBudget", "stopped", "probes",
            ])
        let versions = try XCTUnwrap(object["versions"] as? [[String: Any]])
        XCTAssertEqual(versions.first?["version"] as? String, "TLS1.3")
        XCTAssertEqual(versions.last?["grade"] as? String, "insufficient")
        let stopped = try XCTUnwrap(object["stopped"] as? [String: Any])
        XCTAssertEqual(stopped["kind"] as? String, "budgetExhausted")
        let suites = try XCTUnwrap(object["cipherSuites"] as? [[String: Any]])
        let accepted = try XCTUnwrap(suites.first?["accepted"] as? [[String: Any]])
        XCTAssertEqual(accepted.first?["id"] as? String, "0x13,0x02")
        XCTAssertEqual(accepted.first?["weaknesses"] as? [String], [])
        XCTAssertEqual(suites.first?["complete"] as? Bool, true)
    }

    func testIANANames() {
        let table: [(String, Bool, String)] = [
            ("TLS_ECDHE_RSA_AES_256_GCM_SHA384", false, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            ("TLS_RSA_AES_128_CBC_SHA1", false, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            ("TLS_ECDHE_ECDSA_CHACHA20_POLY1305", false, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            ("TLS_RSA_ARCFOUR_128_MD5", false, "TLS_RSA_WITH_RC4_128_MD5"),
            ("TLS_DHE_RSA_3DES_EDE_CBC_SHA1", false, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            ("TLS_DHE_RSA_AES_128_CCM_8", false, "TLS_DHE_RSA_WITH_AES_128_CCM_8"),
            ("TLS_AES_128_GCM_SHA256", true, "TLS_AES_128_GCM_SHA256"),
        ]
        for (library, tls13, iana) in table {
            XCTAssertEqual(TLSCipherSuiteName.iana(libraryName: library, isTLS13: tls13), iana)
        }
    }

    func testSuiteWeaknesses() {
        func suite(_ kx: String?, _ cipher: String, _ mac: String) -> TLSCipherSuite {
            TLSCipherSuite(id: 0, name: "x", keyExchange: kx, cipher: cipher, mac: mac, minimumVersion: .tls1_2)
        }
        XCTAssertEqual(suite(nil, "AES-256-GCM", "AEAD").weaknesses, [])
        XCTAssertEqual(suite("ECDHE-RSA", "CHACHA20-POLY1305", "AEAD").weaknesses, [])
        XCTAssertEqual(suite("RSA", "AES-128-GCM", "AEAD").weaknesses, [.noForwardSecrecy])
        XCTAssertEqual(suite("ECDHE-RSA", "AES-128-CBC", "SHA1").weaknesses, [.cbc, .sha1])
        XCTAssertEqual(suite("ANON-DH", "AES-256-GCM", "AEAD").weaknesses, [.anonymous])
        XCTAssertEqual(suite("RSA", "3DES-CBC", "SHA1").weaknesses, [.smallBlock, .noForwardSecrecy, .cbc, .sha1])
        XCTAssertEqual(suite("RSA", "ARCFOUR-128", "MD5").weaknesses, [.rc4, .md5, .noForwardSecrecy])
    }
}
