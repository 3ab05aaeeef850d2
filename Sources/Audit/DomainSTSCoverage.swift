import DNS

/// How an MTA-STS policy's `mx` patterns and the domain's MX hosts fit (RFC 8461 4.1): every MX
/// host must match a pattern (a sender in `enforce` mode refuses the others), and a pattern that
/// matches no MX host is a leftover or a typo.
public struct DomainSTSCoverage: Sendable, Equatable {
    /// Each MX host (no final dot) and the first pattern matching it; nil when none does.
    public var patternByHost: [String: String]
    /// The MX hosts no pattern matches, in MX order.
    public var uncoveredHosts: [String]
    /// The patterns that match no MX host, in policy order.
    public var unusedPatterns: [String]

    public var coversEveryHost: Bool { uncoveredHosts.isEmpty }

    public static func evaluate(policy: STSPolicy, hosts: [String]) -> DomainSTSCoverage {
        var byHost: [String: String] = [:]
        var uncovered: [String] = []
        for host in hosts {
            if let pattern = policy.mx.first(where: { STSPolicy.pattern($0, matches: host) }) {
                byHost[host] = pattern
            } else {
                uncovered.append(host)
            }
        }
        let unused = policy.mx.filter { pattern in !hosts.contains { STSPolicy.pattern(pattern, matches: $0) } }
        return DomainSTSCoverage(patternByHost: byHost, uncoveredHosts: uncovered, unusedPatterns: unused)
    }

    /// The issues of a policy against the domain's hosts: uncovered hosts (`validation-failure`:
    /// high in `enforce` mode, medium in `testing`), unused patterns, a mode or `max_age` that
    /// gives little protection, repeated keys.
    static func issues(policy: STSPolicy, coverage: DomainSTSCoverage, domain: String) -> [DomainIssue] {
        var issues: [DomainIssue] = []
        let patterns = policy.mx.joined(separator: ", ")
        for host in coverage.uncoveredHosts where policy.mode != .none {
            issues.append(
                DomainIssue(
                    id: "mta-sts-mx-not-covered", severity: policy.mode == .enforce ? .high : .medium,
                    resultType: .validationFailure, subject: host,
                    title: "The MX host matches no mx pattern of the MTA-STS policy",
                    evidence: ["host": host, "patterns": patterns, "mode": policy.mode.rawValue]))
        }
        for pattern in coverage.unusedPatterns {
            issues.append(
                DomainIssue(
                    id: "mta-sts-pattern-unused", severity: .low, subject: domain,
                    title: "An mx pattern of the MTA-STS policy matches no MX host", evidence: ["pattern": pattern]))
        }
        if policy.mode != .enforce {
            issues.append(
                DomainIssue(
                    id: "mta-sts-not-enforced", severity: .low, subject: domain,
                    title: "The MTA-STS policy is not enforced (mode \(policy.mode.rawValue))",
                    evidence: ["mode": policy.mode.rawValue]))
        }
        if policy.maxAge < minimumRecommendedMaxAge {
            issues.append(
                DomainIssue(
                    id: "mta-sts-max-age-short", severity: .low, subject: domain,
                    title: "The MTA-STS max_age is under a day: the policy protects little between fetches",
                    evidence: ["max_age": String(policy.maxAge)]))
        }
        if !policy.repeatedKeys.isEmpty {
            issues.append(
                DomainIssue(
                    id: "mta-sts-repeated-keys", severity: .low, resultType: .stsPolicyInvalid, subject: domain,
                    title: "The MTA-STS policy repeats keys (the first value counts)",
                    evidence: ["keys": policy.repeatedKeys.joined(separator: ", ")]))
        }
        return issues
    }

    /// RFC 8461 3.2 suggests weeks; under a day the policy lapses between a sender's visits.
    static let minimumRecommendedMaxAge = 86_400
}
