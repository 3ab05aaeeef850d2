import TLS

/// Hand-made facts for policy, renderer and encoding tests: no GnuTLS, no network.
enum FactsFixture {
    static let spki: [UInt8] = [0x30, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    static let digest = [UInt8](repeating: 0xAB, count: 32)

    static func certificate(
        commonName: String = "localhost", notBefore: Int = 1000, notAfter: Int = 3000
    ) -> PeerCertificate {
        PeerCertificate(
            subject: "CN=\(commonName)", issuer: "CN=mailtls Test CA", commonName: commonName,
            notBefore: notBefore, notAfter: notAfter, dnsNames: [commonName], ipAddresses: ["127.0.0.1"],
            publicKeyAlgorithm: "RSA", publicKeyBits: 2048, version: 3, subjectPublicKeyInfo: spki,
            subjectPublicKeyDigest: digest)
    }

    static func certificateFacts(serverName: String = "localhost") -> TLSSessionFacts {
        var facts = TLSSessionFacts(version: .tls1_3, cipherSuite: "TLS_AES_256_GCM_SHA384", serverName: serverName)
        facts.keyExchangeGroup = "X25519"
        facts.signatureAlgorithm = "RSA-PSS-RSAE-SHA256"
        facts.peerCertificates = [certificate(), certificate(commonName: "mailtls Test CA")]
        facts.hostnameMatched = true
        facts.ocspStaple = .missing
        facts.trust = [.file(path: "/ca.pem", certificates: 1)]
        facts.channelBindingType = "tls-exporter"
        return facts
    }

    static func srpFacts() -> TLSSessionFacts {
        var facts = TLSSessionFacts(
            version: .tls1_2, cipherSuite: "TLS_SRP_SHA_WITH_AES_256_CBC_SHA1", serverName: "localhost")
        facts.authentication = .srp
        return facts
    }

    static func configuration(
        verifyPeer: Bool = true, certStatus: Bool = false,
        pin: PinnedPublicKey? = nil
    ) -> TLSConfiguration {
        var configuration = TLSConfiguration()
        configuration.verifyPeer = verifyPeer
        configuration.requireCertificateStatus = certStatus
        configuration.pinnedPublicKey = pin
        return configuration
    }

    /// Facts judged as the backend would after finding `found`.
    static func judged(
        _ facts: TLSSessionFacts = certificateFacts(), found: [VerificationFailure] = [],
        _ configuration: TLSConfiguration = configuration()
    ) -> TLSSessionFacts {
        var facts = facts
        TLSPolicy.judge(&facts, found: found, configuration: configuration)
        return facts
    }
}
