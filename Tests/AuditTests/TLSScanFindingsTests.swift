import TLS
import XCTest

@testable import Audit

/// TLS scan findings from hand-made scan results: each severity and what decides it.
final class TLSScanFindingsTests: XCTestCase {
    static func suite(_ name: String, _ kx: String?, _ cipher: String, _ mac: String, id: UInt16 = 1) -> TLSCipherSuite
    {
        TLSCipherSuite(
            id: id, name: name, keyExchange: kx, cipher: cipher, mac: mac,
            minimumVersion: kx == nil ? .tls1_3 : .tls1_0)
    }

    static let aes13 = suite("TLS_AES_256_GCM_SHA384", nil, "AES-256-GCM", "AEAD")
    static let ecdheGCM = suite("TLS_ECDHE_RSA_AES_256_GCM_SHA384", "ECDHE-RSA", "AES-256-GCM", "AEAD")
    static let ecdheCBC = suite("TLS_ECDHE_RSA_AES_128_CBC_SHA1", "ECDHE-RSA", "AES-128-CBC", "SHA1")
    static let rsaCBC = suite("TLS_RSA_AES_128_CBC_SHA1", "RSA", "AES-128-CBC", "SHA1")
    static let rsa3DES = suite("TLS_RSA_3DES_EDE_CBC_SHA1", "RSA", "3DES-CBC", "SHA1")
    static let anon = suite("TLS_DH_ANON_AES_128_CBC_SHA1", "ANON-DH", "AES-128-CBC", "SHA1")

    static func scan(
        versions: [TLSVersion: TLSProbeStatus] = [
            .tls1_3: .accepted, .tls1_2: .accepted, .tls1_1: .refused, .tls1_0: .refused,
        ],
        suites: [TLSVersion: [TLSCipherSuite]] = [.tls1_3: [aes13], .tls1_2: [ecdheGCM]],
        order: TLSServerOrder = .server, renegotiation: Bool? = true, ems: Bool? = true, groups: [String] = ["X25519"]
    ) -> ServiceObservation {
        var result = TLSScanResult()
        result.versions = TLSVersion.allCases.reversed().map {
            TLSVersionScan(version: $0, status: versions[$0] ?? .notTested)
        }
        result.cipherSuites = TLSVersion.allCases.reversed().compactMap { version in
            suites[version].map {
                var scan = TLSSuiteScan(version: version)
                scan.accepted = $0
                scan.serverOrder = order
                return scan
            }
        }
        result.groups.version = .tls1_3
        result.groups.accepted = groups
        result.secureRenegotiation = renegotiation
        result.extendedMasterSecret = ems
        var observation = ServiceObservation(
            host: "mx.mailtls.test", service: AuditService(.smtp, implicitTLS: false, port: 25), address: "127.0.0.1",
            connectedPort: 25)
        observation.tlsScan = result
        return observation
    }

    private func severities(_ observation: ServiceObservation) -> [String: AuditSeverity] {
        Dictionary(TLSScanFindings.findings(observation).map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
    }

    func testAModernServerGivesOnlyOKFindings() {
        let found = severities(Self.scan())
        XCTAssertEqual(
            found,
            [
                "tls-versions": .ok, "cipher-suites-strong": .ok, "cipher-order-server": .ok,
                "key-exchange-groups": .ok, "renegotiation-secure": .ok, "extended-master-secret": .ok,
            ])
    }

    func testLegacyVersionsAreInsufficientAndAMissingTLS13IsLow() {
        let found = severities(
            Self.scan(versions: [.tls1_3: .refused, .tls1_2: .accepted, .tls1_1: .accepted, .tls1_0: .accepted]))
        XCTAssertEqual(found["tls-version-insufficient"], .medium)
        XCTAssertEqual(found["tls-version-newest-missing"], .low)
        XCTAssertNil(found["tls-versions"])
        // Untested is not refused: no judgement on TLS 1.3.
        let untested = severities(Self.scan(versions: [.tls1_2: .accepted]))
        XCTAssertNil(untested["tls-version-newest-missing"])
    }

    func testWeakSuitesAreHighCBCAndStaticRSAAreLowBesideModernOnes() {
        let weak = severities(Self.scan(suites: [.tls1_2: [Self.ecdheGCM, Self.rsa3DES]]))
        XCTAssertEqual(weak["cipher-suites-weak"], .high)
        let legacy = severities(
            Self.scan(suites: [.tls1_3: [Self.aes13], .tls1_2: [Self.ecdheGCM, Self.ecdheCBC, Self.rsaCBC]]))
        XCTAssertEqual(legacy["cipher-suites-cbc"], .low)
        XCTAssertEqual(legacy["forward-secrecy-partial"], .low)
        XCTAssertNil(legacy["cipher-suites-strong"])
        let old = severities(Self.scan(versions: [.tls1_2: .accepted], suites: [.tls1_2: [Self.rsaCBC]], ems: false))
        XCTAssertEqual(old["cipher-suites-cbc-only"], .medium)
        XCTAssertEqual(old["forward-secrecy-missing"], .medium)
        XCTAssertEqual(old["extended-master-secret-missing"], .medium, "no TLS 1.3 to fall back on")
    }

    func testAnonymousSuitesAreLowUnlessTheServerPicksOne() {
        let offered = Self.scan(suites: [.tls1_3: [Self.aes13], .tls1_2: [Self.ecdheGCM, Self.anon]])
        XCTAssertEqual(severities(offered)["cipher-suites-anonymous"], .low)
        var picked = offered
        picked.tlsScan?.probes = [
            TLSProbeRecord(
                purpose: "version", offer: TLSProbeOffer(version: .tls1_2), status: .accepted,
                accepted: TLSHandshakeSummary(
                    version: .tls1_2, cipherSuite: Self.anon.name, group: nil, secureRenegotiation: true,
                    extendedMasterSecret: true), reason: nil)
        ]
        XCTAssertEqual(severities(picked)["cipher-suites-anonymous"], .high)
    }

    func testOrderRenegotiationEMSAndGroups() {
        let found = severities(
            Self.scan(order: .client, renegotiation: false, ems: false, groups: ["FFDHE1024", "X25519"]))
        XCTAssertEqual(found["cipher-order-client"], .low)
        XCTAssertEqual(found["renegotiation-insecure"], .high)
        XCTAssertEqual(found["extended-master-secret-missing"], .low, "TLS 1.3 is offered too")
        XCTAssertEqual(found["key-exchange-groups-weak"], .medium)
        XCTAssertNil(severities(Self.scan(order: .unknown))["cipher-order-client"])
    }

    func testAStoppedScanIsLowAndJudgesOnlyWhatItTested() {
        var observation = Self.scan(versions: [.tls1_3: .accepted], suites: [:])
        observation.tlsScan?.stopped = TLSScanStop(.unreachableOrRateLimited, reason: "421 4.7.0 too many connections")
        observation.tlsScan?.secureRenegotiation = nil
        observation.tlsScan?.extendedMasterSecret = nil
        let findings = TLSScanFindings.findings(observation)
        let stopped = findings.first { $0.id == "tls-scan-incomplete" }
        XCTAssertEqual(stopped?.severity, .low)
        XCTAssertTrue(stopped?.title.contains("rate limited / unreachable") ?? false)
        XCTAssertEqual(stopped?.evidence["kind"], "unreachableOrRateLimited")
        XCTAssertTrue(findings.allSatisfy { $0.severity <= .low }, "\(findings.map(\.id))")
        XCTAssertNil(findings.first { $0.id.hasPrefix("renegotiation") || $0.id.hasPrefix("extended-master") })
    }
}
