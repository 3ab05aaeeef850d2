import DNS

/// The domain section of the table: per domain, the MX hosts, the DNSSEC status of the answers,
/// DANE per MX host (its TLSA records and each address's verdict), MTA-STS and TLS-RPT, one
/// line each, in words. `AuditTable` escapes the cells.
enum DomainTable {
    static let header = ["DOMAIN", "CHECK", "RESULT"]

    static func rows(_ summary: DomainSummary) -> [[String]] {
        let result = summary.result
        var rows: [[String]] = []
        func add(_ check: String, _ text: String) {
            rows.append([rows.isEmpty ? result.domain : "", check, text])
        }
        let mx: String
        switch result.mx.kind {
        case .records: mx = result.hosts.map { "\($0.host) (\($0.preference))" }.joined(separator: ", ")
        case .nullMX: mx = "Null MX: accepts no mail"
        case .implicit: mx = "none: the domain itself (implicit MX)"
        case .noDomain: mx = "the domain does not exist"
        case .unavailable: mx = "no usable answer"
        }
        add("MX", mx)
        let secure = result.lookups.filter { $0.dnssec == .secure }.count
        var dnssec = "\(secure) of \(result.lookups.count) answers secure"
        let others = result.lookups.filter { $0.dnssec != .secure }
        if !others.isEmpty {
            dnssec +=
                "; " + others.prefix(3).map { "\($0.type) \($0.name) \($0.dnssec.rawValue)" }.joined(separator: ", ")
            if others.count > 3 { dnssec += ", ..." }
        }
        add("DNSSEC", dnssec)
        for host in result.hosts {
            add("DANE", host.host + ": " + dane(host, verdicts: summary.verdicts[host.host] ?? []))
        }
        add("MTA-STS", mtaSTS(result.mtaSTS))
        add("TLS-RPT", tlsRPT(result.tlsRPT))
        return rows
    }

    static func dane(_ host: DomainMXHost, verdicts: [DomainVerdict]) -> String {
        guard host.tlsa.applicability == .applies else {
            if case .notApplicable(let reason) = host.tlsa.applicability { return "does not apply (\(reason))" }
            return "does not apply"
        }
        var text =
            "TLSA "
            + host.tlsa.records.map { "\($0.record.usage) \($0.record.selector) \($0.record.matchingType)" }
            .joined(separator: ", ")
        if verdicts.isEmpty { text += "; not judged (no connection)" }
        for verdict in verdicts {
            switch verdict.result {
            case "match":
                let match = verdict.accepted.first.map { " (\($0.record.prefix(5)) at depth \($0.depth))" } ?? ""
                text += "; \(verdict.address): match" + match
            case "no-match": text += "; \(verdict.address): NO MATCH (\(verdict.failureReason ?? ""))"
            default: text += "; \(verdict.address): no TLS (\(verdict.failureReason ?? ""))"
            }
        }
        return text
    }

    static func mtaSTS(_ sts: DomainSTSResult) -> String {
        switch sts.status {
        case .absent: return "no record"
        case .invalidRecord: return "invalid record"
        case .lookupFailed: return "lookup failed (\(sts.lookup.summary))"
        case .fetchFailed:
            return "record id=\(sts.record?.id ?? ""); policy fetch failed: \(sts.fetch?.message ?? "")"
        case .invalidPolicy:
            return "record id=\(sts.record?.id ?? ""); invalid policy: \(sts.fetch?.message ?? "")"
        case .policy:
            guard let policy = sts.policy else { return "policy" }
            var text =
                "record id=\(sts.record?.id ?? ""); policy \(policy.mode.rawValue), max_age \(policy.maxAge), mx "
                + policy.mx.joined(separator: " ")
            if let coverage = sts.coverage {
                text +=
                    coverage.coversEveryHost
                    ? "; every MX covered" : "; not covered: " + coverage.uncoveredHosts.joined(separator: " ")
            }
            return text
        }
    }

    static func tlsRPT(_ rpt: DomainTLSRPTResult) -> String {
        switch rpt.status {
        case .present: return "rua " + (rpt.record?.reportURIs.joined(separator: ", ") ?? "")
        case .absent: return "no record"
        case .invalid: return "invalid record"
        case .lookupFailed: return "lookup failed (\(rpt.lookup.summary))"
        }
    }
}
