import DNS
import Foundation
import GnuTLS
import TLS
import Transport
import XCTest

/// The DNS module against the test DNS servers (servers/dns.sh): unbound on DNS_RESOLVER_PORT
/// validating the zones nsd serves, with the trust anchors written at start-up.
final class DNSResolutionTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func resolver(timeout: Double = 10) throws -> DNSResolver {
        let configuration = DNSResolverConfiguration(
            forwarder: DNSForwarder(address: "127.0.0.1", port: UInt16(TestServers.port("DNS_RESOLVER_PORT"))),
            trustAnchorFile: TestServers.runDirectory.appendingPathComponent("dns/trust-anchors.ds").path,
            timeout: timeout)
        return try DNSResolver(configuration: configuration)
    }

    func testMXOfTheSignedZoneIsSecure() throws {
        let answer = try resolver().resolve("mailtls.test", type: .mx)
        XCTAssertEqual(answer.outcome, .data)
        XCTAssertEqual(answer.security, .secure)
        XCTAssertEqual(answer.name, "mailtls.test.")
        let records = try answer.rdata.map(MXRecord.parse).sorted()
        XCTAssertEqual(
            records,
            [
                MXRecord(preference: 10, exchange: "mx.mailtls.test."),
                MXRecord(preference: 20, exchange: "mx2.mailtls.test."),
            ])
    }

    func testAddressesOfTheMXHost() throws {
        let dns = try resolver()
        let a = try dns.resolve("mx.mailtls.test", type: .a)
        XCTAssertEqual(a.security, .secure)
        XCTAssertEqual(try a.rdata.map { try AddressRecord.parse($0, type: .a) }, ["127.0.0.1"])
        let aaaa = try dns.resolve("mx.mailtls.test.", type: .aaaa)
        XCTAssertEqual(try aaaa.rdata.map { try AddressRecord.parse($0, type: .aaaa) }, ["::1"])
        // mx2 has no AAAA: a secure NODATA.
        let none = try dns.resolve("mx2.mailtls.test", type: .aaaa)
        XCTAssertEqual(none.outcome, .noData)
        XCTAssertEqual(none.security, .secure)
    }

    func testNullMXAndPolicyRecords() throws {
        let dns = try resolver()
        let null = try dns.resolve("nullmx.mailtls.test", type: .mx).rdata.map(MXRecord.parse)
        XCTAssertTrue(MXRecord.isNullMX(null))
        let sts = try dns.resolve("_mta-sts.mailtls.test", type: .txt)
        XCTAssertEqual(sts.security, .secure)
        let stsTexts = try sts.rdata.map { try TXTRecord.parse($0).text ?? "" }
        XCTAssertEqual(try STSRecord.select(stsTexts), STSRecord(id: "20261207T000000"))
        let report = try dns.resolve("_smtp._tls.mailtls.test", type: .txt).rdata.map { try TXTRecord.parse($0) }
        XCTAssertEqual(report.map(\.strings.count), [2], "published as two character-strings")
        XCTAssertEqual(
            try TLSRPTRecord.select(report.compactMap(\.text)).reportURIs, ["mailto:tlsrpt@mailtls.test"])
        let two = try dns.resolve("_mta-sts.twosts.mailtls.test", type: .txt).rdata.map {
            try TXTRecord.parse($0).text ?? ""
        }
        XCTAssertThrowsError(try STSRecord.select(two))
    }

    func testOneTLSARecordMatchesPostfixsLiveCertificate() throws {
        let answer = try resolver().resolve("_25._tcp.mx.mailtls.test", type: .tlsa)
        XCTAssertEqual(answer.security, .secure)
        let records = try answer.rdata.map(TLSARecord.parse)
        XCTAssertEqual(records.count, 2)
        XCTAssertTrue(records.allSatisfy { $0.unusableReason == nil })
        let chain = try postfixChain()
        let matches = DANEMatcher.matches(records: records, chain: chain)
        XCTAssertEqual(matches.count, 1, "the current key matches, the stale one does not")
        XCTAssertEqual(matches.first?.depth, 0)
        XCTAssertEqual(matches.first?.record.usage, TLSARecord.daneEE)
    }

    func testBrokenSignaturesAreBogus() throws {
        let answer = try resolver().resolve("bogus.test", type: .mx)
        guard case .bogus(let reason) = answer.security else { return XCTFail("not bogus: \(answer.security)") }
        XCTAssertTrue(reason.contains("expired"), reason)
        // libunbound validates itself (it asks with CD set): the unproven data stays as evidence.
        XCTAssertEqual(try answer.rdata.map(MXRecord.parse), [MXRecord(preference: 10, exchange: "mx.bogus.test.")])
        let tlsa = try resolver().resolve("_25._tcp.mx.bogus.test", type: .tlsa)
        XCTAssertTrue(tlsa.security.isBogus)
    }

    func testUnsignedZoneIsInsecure() throws {
        let answer = try resolver().resolve("unsigned.test", type: .mx)
        XCTAssertEqual(answer.security, .insecure)
        XCTAssertEqual(try answer.rdata.map(MXRecord.parse), [MXRecord(preference: 10, exchange: "mx.unsigned.test.")])
    }

    func testMissingNameIsASecureNXDOMAIN() throws {
        let answer = try resolver().resolve("nothere.mailtls.test", type: .a)
        XCTAssertEqual(answer.outcome, .nxDomain)
        XCTAssertEqual(answer.rcode, DNSAnswer.nameError)
        XCTAssertEqual(answer.security, .secure)
    }

    func testNamesOutsideTheTestZonesAreRefused() throws {
        // unbound refuses them; libunbound makes that a SERVFAIL.
        let answer = try resolver(timeout: 5).resolve("example.com", type: .a)
        XCTAssertEqual(answer.outcome, .failure(rcode: DNSAnswer.serverFailure))
        XCTAssertFalse(answer.security.isSecure)
    }

    func testDNSKEYTrustAnchorValidatesToo() throws {
        // The KSK of mailtls.test as a DNSKEY line (ldns-keygen's .key file), instead of its DS.
        let keys = TestServers.runDirectory.appendingPathComponent("dns/keys/mailtls.test")
        let base = try String(contentsOf: keys.appendingPathComponent("ksk"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let anchor = FileManager.default.temporaryDirectory.appendingPathComponent("dns-dnskey-\(getpid()).key")
        try FileManager.default.copyItem(at: keys.appendingPathComponent(base + ".key"), to: anchor)
        defer { try? FileManager.default.removeItem(at: anchor) }
        let resolver = try DNSResolver(
            configuration: DNSResolverConfiguration(
                forwarder: DNSForwarder(address: "127.0.0.1", port: UInt16(TestServers.port("DNS_RESOLVER_PORT"))),
                trustAnchorFile: anchor.path))
        XCTAssertEqual(try resolver.resolve("mailtls.test", type: .mx).security, .secure)
        // No anchor for bogus.test in that file: its answers are merely insecure.
        XCTAssertEqual(try resolver.resolve("bogus.test", type: .mx).security, .insecure)
    }

    func testTestZonesNeedForwardingPastLibunboundsSpecialUseNames() throws {
        let configuration = DNSResolverConfiguration(
            forwarder: DNSForwarder(address: "127.0.0.1", port: UInt16(TestServers.port("DNS_RESOLVER_PORT"))),
            trustAnchorFile: TestServers.runDirectory.appendingPathComponent("dns/trust-anchors.ds").path,
            specialUseZonesToForward: [])
        let answer = try DNSResolver(configuration: configuration).resolve("mailtls.test", type: .mx)
        XCTAssertEqual(answer.outcome, .nxDomain, "libunbound answers test. itself")
        XCTAssertEqual(answer.security, .insecure)
    }

    /// The chain Postfix sends on its SMTPS port, read with gnutls-cli; its leaf's
    /// SubjectPublicKeyInfo and every DER checked against what the project's GnuTLS layer extracts.
    private func postfixChain() throws -> [DANECertificate] {
        let port = TestServers.port("POSTFIX_SMTPS_PORT")
        let result = ToolProcess.run(
            "/usr/bin/gnutls-cli", ["--print-cert", "--no-ca-verification", "-p", "\(port)", "localhost"],
            stdin: Data(), timeout: 20)
        let blocks = result.stdout.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst()
        let chain = try blocks.map { block in
            let body = block.components(separatedBy: "-----END CERTIFICATE-----")[0]
            let der = try XCTUnwrap(Data(base64Encoded: body.filter { !$0.isWhitespace }), "PEM of gnutls-cli")
            return try DANECertificate(der: Array(der))
        }
        XCTAssertFalse(chain.isEmpty, result.stderr)
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "localhost", port: UInt16(port), deadline: .after(seconds: 10))
        var configuration = TLSConfiguration()
        configuration.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        let connection = try GnuTLSClient().handshake(
            over: socket, serverName: "localhost", configuration: configuration, deadline: .after(seconds: 10),
            trace: SilentTrace())
        defer { connection.close() }
        XCTAssertEqual(connection.facts.peerCertificates.first?.subjectPublicKeyInfo, chain.first?.subjectPublicKeyInfo)
        // The DER the GnuTLS layer extracts is what the server sent: TLSA selector 0 matches on it.
        XCTAssertEqual(connection.facts.peerCertificates.map(\.der), chain.map(\.der))
        return chain
    }
}
