/// The RFC 8460 4.3 result types the domain checks can give (the report's `resultType`).
public enum DomainResultType: String, Sendable, Equatable, CaseIterable {
    case tlsaInvalid = "tlsa-invalid"
    case dnssecInvalid = "dnssec-invalid"
    case stsPolicyFetchError = "sts-policy-fetch-error"
    case stsPolicyInvalid = "sts-policy-invalid"
    case stsWebPKIInvalid = "sts-webpki-invalid"
    case validationFailure = "validation-failure"
}

/// How bad an issue is, with the raw values of the audit's severity scale (testssl.sh's), so a
/// finding's severity is `AuditSeverity(rawValue: issue.severity.rawValue)`.
public enum DomainIssueSeverity: String, Sendable, Equatable, Comparable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (a: DomainIssueSeverity, b: DomainIssueSeverity) -> Bool { a.rank < b.rank }
}

/// One thing the domain checks found wrong or worth a warning: plain data the audit turns into a
/// finding. `id` is stable (scripts match on it); `evidence` holds what was seen (server text
/// included: escape it before printing).
public struct DomainIssue: Sendable, Equatable {
    public var id: String
    public var severity: DomainIssueSeverity
    /// RFC 8460 result type, when one applies.
    public var resultType: DomainResultType?
    /// The domain, the MX host or the DNS name the issue is about.
    public var subject: String
    public var title: String
    public var evidence: [String: String]

    public init(
        id: String, severity: DomainIssueSeverity, resultType: DomainResultType? = nil, subject: String,
        title: String, evidence: [String: String] = [:]
    ) {
        self.id = id
        self.severity = severity
        self.resultType = resultType
        self.subject = subject
        self.title = title
        self.evidence = evidence
    }
}
