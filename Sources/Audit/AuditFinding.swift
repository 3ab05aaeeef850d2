/// One result of the audit: what was checked, how bad it is, about what, and the evidence.
/// Every check reports a finding, including the ones that pass (`ok`), so a report shows what
/// was looked at. `id` is stable (scripts match on it; see `AuditCheck` for the catalogue).
public struct AuditFinding: Encodable, Sendable, Equatable {
    /// Stable identifier of the check and its outcome ("certificate-expired").
    public var id: String
    public var severity: AuditSeverity
    /// One line for people ("Certificate expired 3 days ago").
    public var title: String
    /// The RFC 8460 result type where one applies (`starttls-not-supported`,
    /// `certificate-host-mismatch`, `certificate-expired`, `certificate-not-trusted`,
    /// `validation-failure`, `tlsa-invalid`, `dnssec-invalid`, `sts-policy-fetch-error`,
    /// `sts-policy-invalid`, `sts-webpki-invalid`); nil otherwise.
    public var resultType: String?
    /// What the finding is about: `host:port` for a service, the domain or host otherwise.
    public var subject: String
    /// Structured evidence (plain strings; server text is kept as sent, escape before printing).
    public var evidence: [String: String]

    public init(
        id: String, severity: AuditSeverity, title: String, resultType: String? = nil, subject: String,
        evidence: [String: String] = [:]
    ) {
        self.id = id
        self.severity = severity
        self.title = title
        self.resultType = resultType
        self.subject = subject
        self.evidence = evidence
    }

    private enum CodingKeys: String, CodingKey { case id, severity, title, resultType, subject, evidence }

    /// Every key is always present (`resultType` is null when none applies).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(severity, forKey: .severity)
        try container.encode(title, forKey: .title)
        try container.encode(resultType, forKey: .resultType)
        try container.encode(subject, forKey: .subject)
        try container.encode(evidence, forKey: .evidence)
    }
}

/// How bad a finding is, in testssl.sh's words, ordered: `ok < low < medium < high < critical`.
public enum AuditSeverity: String, Codable, Comparable, Sendable, CaseIterable {
    /// The check passed (or is information only).
    case ok
    /// Worth knowing, no risk by itself (no OCSP staple, a service that is not offered).
    case low
    /// A weakness to fix (certificate expiring within 30 days, plaintext login offered).
    case medium
    /// Mail is not protected as it should be (untrusted or mismatched certificate, no STARTTLS).
    case high
    /// Broken or exploitable (expired certificate, STARTTLS command injection).
    case critical

    private var rank: Int {
        switch self {
        case .ok: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: AuditSeverity, rhs: AuditSeverity) -> Bool { lhs.rank < rhs.rank }
}
