/// One run's report: what was audited, what each service showed, every finding, the worst
/// severity and the exit code. Rendered as a table (`AuditTable`) and as JSON (`--json`,
/// `schema/audit-v1.json`).
public struct AuditReport: Encodable, Sendable {
    public static let schemaVersion = "mail-tls-audit/1"

    public var startedAt: Int
    public var milliseconds = 0
    public var domains: [DomainSummary] = []
    public var services: [ServiceObservation] = []
    public var findings: [AuditFinding] = []
    /// Named targets (URLs, MX hosts) that could not be audited at all.
    public var unaudited: [String] = []

    public init(startedAt: Int) { self.startedAt = startedAt }

    /// The worst severity among the findings (`ok` when there are none).
    public var worst: AuditSeverity { findings.map(\.severity).max() ?? .ok }

    public var exitCode: Int32 { AuditExitCode.code(worst: worst, incomplete: !unaudited.isEmpty) }

    /// Findings worst first, then in the order they were made.
    public var sortedFindings: [AuditFinding] {
        findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    public func count(_ severity: AuditSeverity) -> Int { findings.filter { $0.severity == severity }.count }

    private enum CodingKeys: String, CodingKey {
        case schema, tool, startedAt, milliseconds, domains, services, findings, summary
    }

    private struct Summary: Encodable {
        var worst: AuditSeverity
        var exitCode: Int32
        var counts: [String: Int]
        var unaudited: [String]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(AuditReport.schemaVersion, forKey: .schema)
        try container.encode("mail-tls-audit", forKey: .tool)
        try container.encode(ISO8601Date.iso8601(startedAt), forKey: .startedAt)
        try container.encode(milliseconds, forKey: .milliseconds)
        try container.encode(domains, forKey: .domains)
        try container.encode(services, forKey: .services)
        try container.encode(sortedFindings, forKey: .findings)
        let counts = Dictionary(uniqueKeysWithValues: AuditSeverity.allCases.map { ($0.rawValue, count($0)) })
        try container.encode(
            Summary(worst: worst, exitCode: exitCode, counts: counts, unaudited: unaudited), forKey: .summary)
    }
}

/// The exit status by the worst finding (documented in mail-tls-audit(1)): 0 nothing above
/// `low`, 1 `medium`, 2 `high`, 3 `critical` or a named target (URL, MX) that could not be
/// audited at all. Usage and setup errors keep curl's codes, as in the other tools (2 for a bad
/// option, with its message on stderr).
public enum AuditExitCode {
    public static func code(worst: AuditSeverity, incomplete: Bool) -> Int32 {
        if incomplete { return 3 }
        switch worst {
        case .ok, .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }
}

/// `2026-12-07T23:45:52Z` from seconds since the epoch (UTC), for the report.
enum ISO8601Date {
    static func iso8601(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        // Days to a civil date (proleptic Gregorian, eras of 400 years).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}
