import Audit
import DNS
import Foundation
import GnuTLS
import TLS
import Transport
import XCTest

/// The domain checks against the test DNS servers (servers/dns.sh) and the MTA-STS policy host
/// (servers/mtasts.sh), reached as `mta-sts.mailtls.test` through a route to the test port (the
/// audit's --connect-to): URL, SNI and certificate check keep the name.
final class DomainAuditTests: XCTestCase {
    override func setUpWithError() throws { try TestServers.ensureRunning() }

    private func audit(_ domain: String, policyPort: String = "MTASTS_PORT") throws -> DomainAuditResult {
        let resolver = try DNSResolver(
            configuration: DNSResolverConfiguration(
                forwarder: DNSForwarder(address: "127.0.0.1", port: UInt16(TestServers.port("DNS_RESOLVER_PORT"))),
                trustAnchorFile: TestServers.runDirectory.appendingPathComponent("dns/trust-anchors.ds").path))
        var tls = TLSConfiguration()
        tls.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        let port = UInt16(TestServers.port(policyPort))
        let fetcher = DomainPolicyFetcher(
            tlsClient: GnuTLSClient(), tlsConfiguration: tls, connector: SystemConnector(),
            route: { host, _ in (host: host == "mta-sts.mailtls.test" ? "127.0.0.1" : host, port: port) }, timeout: 10)
        return DomainAudit(resolver: resolver, fetchPolicy: fetcher.fetch(domain:)).run(domain: domain)
    }

    func testTheGoodDomainIsSecureWithDANEMTASTSAndTLSRPT() throws {
        let result = try audit("mailtls.test")
        XCTAssertEqual(result.mx.kind, .records)
        XCTAssertEqual(result.hosts.map(\.host), ["mx.mailtls.test", "mx2.mailtls.test"])
        XCTAssertEqual(result.lookups.filter { $0.dnssec != .secure }.map(\.summary), [])
        XCTAssertEqual(result.hosts.map(\.tlsa.applicability), [.applies, .applies])
        XCTAssertEqual(result.hosts.map(\.tlsa.usableRecords.count), [2, 1])
        XCTAssertEqual(result.hosts[0].addresses.map(\.address), ["127.0.0.1", "::1"])
        XCTAssertEqual(result.mtaSTS.status, .policy)
        XCTAssertEqual(result.mtaSTS.record?.id, "20261207T000000")
        XCTAssertEqual(result.mtaSTS.policy?.mx, ["mx.mailtls.test", "mx2.mailtls.test"])
        XCTAssertEqual(result.mtaSTS.coverage?.uncoveredHosts, [])
        XCTAssertEqual(result.mtaSTS.coverage?.unusedPatterns, [])
        XCTAssertEqual(result.tlsRPT.status, .present)
        XCTAssertEqual(result.tlsRPT.record?.reportURIs, ["mailto:tlsrpt@mailtls.test"])
        XCTAssertEqual(result.issues.map(\.id), [])
    }

    func testDANEAgainstTheLiveChainOfGnuTLSServ() throws {
        let result = try audit("mailtls.test")
        let chain = try liveChain()
        // mx: DANE-EE 3 1 1 of server.pem's key matches; the stale record does not; two records, no warning.
        let mx = try XCTUnwrap(result.hosts[0].daneVerdict(chain: chain))
        XCTAssertTrue(mx.isMatch)
        XCTAssertEqual(mx.accepted.map(\.depth), [0])
        XCTAssertEqual(mx.matches.count, 1)
        XCTAssertNil(mx.rolloverWarning)
        XCTAssertEqual(mx.issues, [])
        // mx2: DANE-TA 2 0 1 (selector 0: the CA's whole DER) matches at depth 1, but server.pem
        // names localhost, not mx2.mailtls.test: not authenticated. One record: rollover warning.
        let mx2 = try XCTUnwrap(result.hosts[1].daneVerdict(chain: chain))
        XCTAssertEqual(mx2.matches.map(\.depth), [1])
        XCTAssertFalse(mx2.isMatch)
        XCTAssertEqual(mx2.issues.map(\.id), ["dane-ta-unverified", "dane-rollover"])
        XCTAssertEqual(mx2.issues.first?.resultType, .validationFailure)
        // mx2's own certificate from the test CA passes.
        let own = try fileChain("mx2-chain.pem", leafName: "mx2.mailtls.test")
        XCTAssertTrue(try XCTUnwrap(result.hosts[1].daneVerdict(chain: own)).isMatch)
    }

    func testDANETASignaturesAreCheckedByGnuTLSUpToTheMatchedCertificate() throws {
        let result = try audit("mailtls.test")
        let host = result.hosts[1]  // mx2: 2 0 1 of ca.pem
        let verifier = GnuTLSClient()
        let own = try fileChain("mx2-chain.pem", leafName: "mx2.mailtls.test")
        XCTAssertNil(verifier.verify(chain: own, anchorDepth: 1))
        XCTAssertTrue(try XCTUnwrap(host.daneVerdict(chain: own, verifier: verifier)).isMatch)
        // A leaf from another CA that claims the test CA as issuer (names link, the CA matches
        // the record): only the signature check finds that the CA never signed it.
        var forged = own
        forged[0].der = try pemDER("unknownca.pem")[0]
        XCTAssertTrue(try XCTUnwrap(host.daneVerdict(chain: forged)).isMatch, "names alone are fooled")
        let verdict = try XCTUnwrap(host.daneVerdict(chain: forged, verifier: verifier))
        XCTAssertFalse(verdict.isMatch)
        XCTAssertEqual(verdict.issues.map(\.id), ["dane-ta-unverified", "dane-rollover"])
        XCTAssertTrue(verdict.failureReason?.contains("does not verify up to it") ?? false, verdict.failureReason ?? "")
        XCTAssertNotNil(verifier.verify(chain: forged, anchorDepth: 1))
        XCTAssertNotNil(verifier.verify(chain: own, anchorDepth: 2), "no certificate at depth 2")
    }

    func testTheBogusDomainIsDNSSECInvalid() throws {
        let result = try audit("bogus.test")
        XCTAssertEqual(result.mx.lookup.dnssec, .bogus)
        XCTAssertTrue(result.mx.lookup.reason?.contains("expired") ?? false, result.mx.lookup.reason ?? "")
        XCTAssertEqual(result.issues.first?.id, "dnssec-bogus")
        XCTAssertEqual(result.issues.first?.resultType, .dnssecInvalid)
        XCTAssertEqual(result.worstSeverity, .critical)
        XCTAssertFalse(result.hosts.contains { $0.tlsa.applicability == .applies })
    }

    func testTheUnsignedDomainHasNoDANE() throws {
        let result = try audit("unsigned.test")
        XCTAssertEqual(result.mx.lookup.dnssec, .insecure)
        XCTAssertTrue(result.issues.contains { $0.id == "dnssec-unsigned" })
        XCTAssertFalse(result.hosts.contains { $0.tlsa.applicability == .applies })
    }

    func testAPolicyServedAsHTMLIsAFetchError() throws {
        let result = try audit("mailtls.test", policyPort: "MTASTS_WRONG_TYPE_PORT")
        XCTAssertEqual(result.mtaSTS.status, .fetchFailed)
        XCTAssertEqual(result.mtaSTS.fetch?.failure, .contentType)
        XCTAssertEqual(result.mtaSTS.fetch?.contentType, "text/html")
        XCTAssertEqual(result.issues.map(\.resultType), [.stsPolicyFetchError])
    }

    func testARedirectIsNotFollowed() throws {
        let result = try audit("mailtls.test", policyPort: "MTASTS_REDIRECT_PORT")
        XCTAssertEqual(result.mtaSTS.fetch?.failure, .redirect)
        XCTAssertEqual(result.mtaSTS.fetch?.status, 301)
        XCTAssertEqual(
            result.mtaSTS.fetch?.location,
            "https://mta-sts.mailtls.test:\(TestServers.port("MTASTS_PORT"))/.well-known/mta-sts.txt")
        XCTAssertEqual(result.issues.map(\.resultType), [.stsPolicyFetchError])
    }

    func testAPolicyThatMissesAnMX() throws {
        let result = try audit("mailtls.test", policyPort: "MTASTS_UNCOVERED_PORT")
        XCTAssertEqual(result.mtaSTS.status, .policy)
        XCTAssertEqual(result.mtaSTS.coverage?.uncoveredHosts, ["mx2.mailtls.test"])
        XCTAssertEqual(result.mtaSTS.coverage?.unusedPatterns, ["mail.example.net"])
        XCTAssertEqual(result.issues.map(\.id), ["mta-sts-mx-not-covered", "mta-sts-pattern-unused"])
        XCTAssertEqual(result.issues.first?.resultType, .validationFailure)
    }

    func testAPolicyHostWithAnotherNamesCertificateIsWebPKIInvalid() throws {
        // nginx's good port serves server.pem, for localhost only.
        let result = try audit("mailtls.test", policyPort: "HTTPS_PORT")
        XCTAssertEqual(result.mtaSTS.fetch?.failure, .certificate)
        XCTAssertEqual(result.issues.map(\.resultType), [.stsWebPKIInvalid])
    }

    /// The chain gnutls-serv sends (server-chain.pem), as the project's GnuTLS layer reads it;
    /// its DER is checked against the files.
    private func liveChain() throws -> [PeerCertificate] {
        let socket = try TCPConnector(trace: SilentTrace()).connect(
            host: "127.0.0.1", port: UInt16(TestServers.port("GNUTLS_NOSTAPLE_PORT")), deadline: .after(seconds: 10))
        var configuration = TLSConfiguration()
        configuration.trust = TrustStore(caFile: TestServers.caFile, caPath: nil)
        let connection = try GnuTLSClient().handshake(
            over: socket, serverName: "localhost", configuration: configuration, deadline: .after(seconds: 10),
            trace: SilentTrace())
        defer { connection.close() }
        let chain = connection.facts.peerCertificates
        XCTAssertEqual(chain.map(\.der), try pemDER("server-chain.pem"))
        return chain
    }

    /// A chain from a PEM file, leaf first, with the names the test CA gave it.
    private func fileChain(_ file: String, leafName: String) throws -> [PeerCertificate] {
        let ders = try pemDER(file)
        XCTAssertEqual(ders.count, 2)
        let ca = "CN=mailtls Test CA,O=mailtls tests"
        return try zip(ders, [("CN=\(leafName),O=mailtls tests", [leafName]), (ca, [])]).map { der, identity in
            PeerCertificate(
                subject: identity.0, issuer: ca, commonName: identity.1.first, notBefore: 0, notAfter: 0,
                dnsNames: identity.1, publicKeyAlgorithm: "RSA", version: 3,
                subjectPublicKeyInfo: try DANECertificate(der: der).subjectPublicKeyInfo, subjectPublicKeyDigest: [],
                der: der)
        }
    }

    private func pemDER(_ file: String) throws -> [[UInt8]] {
        let text = try String(contentsOfFile: TestServers.certificate(file), encoding: .utf8)
        return try text.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst().map { block in
            let body = block.components(separatedBy: "-----END CERTIFICATE-----")[0]
            return Array(try XCTUnwrap(Data(base64Encoded: body.filter { !$0.isWhitespace })))
        }
    }
}
