import DNS

/// The two policy records of a domain: MTA-STS (RFC 8461) and TLS-RPT (RFC 8460).
extension DomainAudit {
    /// The texts of a TXT answer that may be used (not bogus); nil when the lookup failed.
    func texts(of lookup: DomainLookup) -> [String]? {
        switch lookup.outcome {
        case .data where lookup.dnssec != .bogus:
            return lookup.usableData.prefix(Self.maximumRecords).compactMap { try? TXTRecord.parse($0).text }
        case .noData, .nxDomain:
            return lookup.dnssec == .bogus ? nil : []
        case .data, .failure, .error:
            return nil
        }
    }

    func stsStep(_ domain: String, hosts: [String], _ log: inout Log) -> DomainSTSResult {
        let lookup = ask("_mta-sts.\(domain).", .txt, &log)
        var result = DomainSTSResult(status: .absent, lookup: lookup)
        guard let texts = texts(of: lookup) else {
            result.status = .lookupFailed
            if lookup.dnssec != .bogus {
                log.issues.append(
                    DomainIssue(
                        id: "mta-sts-lookup-failed", severity: .medium, subject: domain,
                        title: "The MTA-STS record lookup failed", evidence: ["lookup": lookup.summary]))
            }
            return result
        }
        guard !STSRecord.candidates(texts).isEmpty else {
            log.issues.append(
                DomainIssue(
                    id: "mta-sts-absent", severity: .low, subject: domain,
                    title: "No MTA-STS record: senders without DANE cannot require TLS")
            )
            return result
        }
        do {
            result.record = try STSRecord.select(texts)
        } catch {
            result.status = .invalidRecord
            log.issues.append(
                DomainIssue(
                    id: "mta-sts-record-invalid", severity: .high, resultType: .stsPolicyInvalid, subject: domain,
                    title: "The MTA-STS record is invalid: senders ignore the policy",
                    evidence: ["reason": error.reason, "records": texts.joined(separator: " | ")]))
            return result
        }
        fetchAndJudge(domain, hosts: hosts, into: &result, &log)
        return result
    }

    private func fetchAndJudge(_ domain: String, hosts: [String], into result: inout DomainSTSResult, _ log: inout Log)
    {
        let fetch = fetchPolicy(domain)
        result.policyURL = fetch.url
        result.fetch = fetch
        guard let body = fetch.body, fetch.failure == nil else {
            result.status = .fetchFailed
            var evidence = ["url": fetch.url, "reason": fetch.message ?? fetch.failure?.rawValue ?? "no body"]
            if let status = fetch.status { evidence["status"] = String(status) }
            if let type = fetch.contentType { evidence["content-type"] = type }
            if let location = fetch.location { evidence["location"] = location }
            let webPKI = fetch.resultType == .stsWebPKIInvalid
            log.issues.append(
                DomainIssue(
                    id: webPKI ? "mta-sts-policy-certificate" : "mta-sts-policy-fetch-failed", severity: .high,
                    resultType: fetch.resultType ?? .stsPolicyFetchError, subject: "mta-sts.\(domain)",
                    title: webPKI
                        ? "The MTA-STS policy host's certificate does not verify"
                        : "The MTA-STS policy cannot be fetched as RFC 8461 3.3 requires",
                    evidence: evidence))
            return
        }
        let policy: STSPolicy
        do {
            policy = try STSPolicy.parse(body)
        } catch {
            result.status = .invalidPolicy
            log.issues.append(
                DomainIssue(
                    id: "mta-sts-policy-invalid", severity: .high, resultType: .stsPolicyInvalid, subject: domain,
                    title: "The MTA-STS policy is invalid", evidence: ["url": fetch.url, "reason": error.reason]))
            return
        }
        result.status = .policy
        result.policy = policy
        let coverage = DomainSTSCoverage.evaluate(policy: policy, hosts: hosts)
        result.coverage = coverage
        log.issues += DomainSTSCoverage.issues(policy: policy, coverage: coverage, domain: domain)
    }

    func tlsRPTStep(_ domain: String, _ log: inout Log) -> DomainTLSRPTResult {
        let lookup = ask("_smtp._tls.\(domain).", .txt, &log)
        guard let texts = texts(of: lookup) else {
            return DomainTLSRPTResult(status: .lookupFailed, lookup: lookup, record: nil)
        }
        guard !TLSRPTRecord.candidates(texts).isEmpty else {
            log.issues.append(
                DomainIssue(
                    id: "tls-rpt-absent", severity: .low, subject: domain,
                    title: "No TLS-RPT record: nobody hears about failed TLS deliveries"))
            return DomainTLSRPTResult(status: .absent, lookup: lookup, record: nil)
        }
        do {
            return DomainTLSRPTResult(status: .present, lookup: lookup, record: try TLSRPTRecord.select(texts))
        } catch {
            log.issues.append(
                DomainIssue(
                    id: "tls-rpt-invalid", severity: .medium, subject: domain, title: "The TLS-RPT record is invalid",
                    evidence: ["reason": error.reason, "records": texts.joined(separator: " | ")]))
            return DomainTLSRPTResult(status: .invalid, lookup: lookup, record: nil)
        }
    }
}
