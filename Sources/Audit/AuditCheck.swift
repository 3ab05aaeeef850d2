/// The catalogue of finding ids: each check's stable id, title and RFC 8460 result type. A
/// check with several outcomes has one id per outcome (`certificate-trusted`,
/// `certificate-not-trusted`), so a script can match on the id alone. The severity is the
/// usual one; a caller may raise or lower it with the context (a refused port is `low` when
/// `--host` tries the standard ports, `high` when the user named the service).
public enum AuditCheck: String, CaseIterable, Sendable {
    // Reaching the service.
    case serviceUnreachable = "service-unreachable"
    case serviceRateLimited = "service-rate-limited"
    case serviceError = "service-error"
    // STARTTLS and the handshake.
    case starttlsNotSupported = "starttls-not-supported"
    case starttlsRefused = "starttls-refused"
    case tlsHandshakeFailed = "tls-handshake-failed"
    case tlsEstablished = "tls-established"
    // The certificate.
    case certificateTrusted = "certificate-trusted"
    case certificateNotTrusted = "certificate-not-trusted"
    case certificateHostMatch = "certificate-host-match"
    case certificateHostMismatch = "certificate-host-mismatch"
    case certificateExpired = "certificate-expired"
    case certificateNotYetValid = "certificate-not-yet-valid"
    case certificateExpiresSoon = "certificate-expires-soon"
    case certificateValidity = "certificate-validity"
    case certificateRevoked = "certificate-revoked"
    case certificateKey = "certificate-key"
    case certificateKeyWeak = "certificate-key-weak"
    case signatureAlgorithm = "signature-algorithm"
    case signatureAlgorithmWeak = "signature-algorithm-weak"
    case ocspStapleGood = "ocsp-staple-good"
    case ocspStapleMissing = "ocsp-staple-missing"
    case ocspStapleBad = "ocsp-staple-bad"
    case certificateSameOnAllPorts = "certificate-same-on-all-ports"
    case certificateDiffersAcrossPorts = "certificate-differs-across-ports"
    case certificateDiffersAcrossAddresses = "certificate-differs-across-addresses"
    // The TLS scan: versions, suites, order, groups, renegotiation, extended master secret.
    case tlsVersions = "tls-versions"
    case tlsVersionInsufficient = "tls-version-insufficient"
    case tlsVersionNewestMissing = "tls-version-newest-missing"
    case cipherSuitesStrong = "cipher-suites-strong"
    case cipherSuitesWeak = "cipher-suites-weak"
    case cipherSuitesAnonymous = "cipher-suites-anonymous"
    case cipherSuitesCBC = "cipher-suites-cbc"
    case cipherSuitesCBCOnly = "cipher-suites-cbc-only"
    case forwardSecrecyPartial = "forward-secrecy-partial"
    case forwardSecrecyMissing = "forward-secrecy-missing"
    case cipherOrderServer = "cipher-order-server"
    case cipherOrderClient = "cipher-order-client"
    case extendedMasterSecret = "extended-master-secret"
    case extendedMasterSecretMissing = "extended-master-secret-missing"
    case renegotiationSecure = "renegotiation-secure"
    case renegotiationInsecure = "renegotiation-insecure"
    case keyExchangeGroups = "key-exchange-groups"
    case keyExchangeGroupsWeak = "key-exchange-groups-weak"
    case tlsScanIncomplete = "tls-scan-incomplete"
    // What the server offers before TLS (no credential is ever sent).
    case authBeforeStarttls = "auth-before-starttls"
    case noAuthBeforeStarttls = "no-auth-before-starttls"
    case implicitTLSMissing = "implicit-tls-missing"
    case implicitTLSPresent = "implicit-tls-present"
    case starttlsInjection = "starttls-injection"
    case starttlsInjectionNotVulnerable = "starttls-injection-not-vulnerable"
    case starttlsInjectionInconclusive = "starttls-injection-inconclusive"
    // The domain.
    case mxFound = "mx-found"
    case mxNull = "mx-null"
    case mxMissing = "mx-missing"
    case dnssecSecure = "dnssec-secure"
    case daneValid = "dane-valid"
    case mtaSTSValid = "mta-sts-valid"
    case tlsRPTPresent = "tls-rpt-present"
    // The domain's issues (DomainIssue: `dnssec-bogus`, `dane-no-match`, `mta-sts-*`, ...) keep
    // the ids, severities and result types the domain checks give them (docs/AUDIT-DNS.md).

    public var id: String { rawValue }

    /// The severity this outcome usually has.
    public var severity: AuditSeverity {
        switch self {
        case .tlsEstablished, .certificateTrusted, .certificateHostMatch, .certificateValidity, .certificateKey,
            .signatureAlgorithm, .ocspStapleGood, .certificateSameOnAllPorts, .noAuthBeforeStarttls,
            .implicitTLSPresent, .starttlsInjectionNotVulnerable, .mxFound, .dnssecSecure, .daneValid, .mtaSTSValid,
            .tlsRPTPresent, .tlsVersions, .cipherSuitesStrong, .cipherOrderServer, .extendedMasterSecret,
            .renegotiationSecure, .keyExchangeGroups:
            .ok
        case .ocspStapleMissing, .implicitTLSMissing, .starttlsInjectionInconclusive, .serviceUnreachable,
            .mxNull, .tlsVersionNewestMissing, .cipherSuitesAnonymous, .cipherSuitesCBC, .forwardSecrecyPartial,
            .cipherOrderClient, .extendedMasterSecretMissing, .tlsScanIncomplete:
            .low
        case .certificateExpiresSoon, .certificateDiffersAcrossPorts, .certificateDiffersAcrossAddresses,
            .authBeforeStarttls, .ocspStapleBad, .signatureAlgorithmWeak, .serviceRateLimited, .mxMissing,
            .tlsVersionInsufficient, .cipherSuitesCBCOnly, .forwardSecrecyMissing, .keyExchangeGroupsWeak:
            .medium
        case .starttlsNotSupported, .starttlsRefused, .tlsHandshakeFailed, .certificateNotTrusted,
            .certificateHostMismatch, .certificateNotYetValid, .certificateKeyWeak, .serviceError,
            .cipherSuitesWeak, .renegotiationInsecure:
            .high
        case .certificateExpired, .certificateRevoked, .starttlsInjection:
            .critical
        }
    }

    /// The RFC 8460 section 4.3 result type this outcome reports, if any.
    public var resultType: String? {
        switch self {
        case .starttlsNotSupported, .starttlsRefused: "starttls-not-supported"
        case .certificateHostMismatch: "certificate-host-mismatch"
        case .certificateExpired: "certificate-expired"
        case .certificateNotTrusted: "certificate-not-trusted"
        case .tlsHandshakeFailed, .certificateNotYetValid, .certificateRevoked: "validation-failure"
        default: nil
        }
    }

    /// A finding of this check about `subject`; `severity` overrides the usual one.
    public func finding(
        _ title: String, subject: String, severity: AuditSeverity? = nil, evidence: [String: String] = [:]
    ) -> AuditFinding {
        AuditFinding(
            id: id, severity: severity ?? self.severity, title: title, resultType: resultType, subject: subject,
            evidence: evidence)
    }
}
