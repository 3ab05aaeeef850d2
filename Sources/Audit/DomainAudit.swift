import DNS

/// The domain-level checks of `mail-tls-audit DOMAIN` (issue 14 items 1, 7, 8, 9): the MX hosts
/// (Null MX, implicit MX), the DNSSEC status of every answer, each host's addresses and TLSA
/// records with DANE's applicability (RFC 7672 2.2), the MTA-STS record and policy (RFC 8461)
/// and the TLS-RPT record (RFC 8460). Sequential; every lookup is bounded by the resolver's
/// timeout and the policy fetch by the fetcher's, and at most `maximumHosts` hosts are looked at.
/// Matching a host's certificate chain is `DomainMXHost.daneVerdict(chain:)`, once connected.
public struct DomainAudit {
    public static let maximumHosts = 16
    /// More MX records than this are not read (a real domain has a handful).
    static let maximumRecords = 64

    public let resolver: any DomainResolving
    /// Fetches the MTA-STS policy of a domain: `DomainPolicyFetcher.fetch(domain:)`, or a fake.
    public let fetchPolicy: (String) -> DomainPolicyFetch

    public init(resolver: any DomainResolving, fetchPolicy: @escaping (String) -> DomainPolicyFetch) {
        self.resolver = resolver
        self.fetchPolicy = fetchPolicy
    }

    /// Lookups and issues, in the order they happen.
    struct Log {
        var lookups: [DomainLookup] = []
        var issues: [DomainIssue] = []
    }

    public func run(domain given: String) -> DomainAuditResult {
        let domain = given.hasSuffix(".") ? String(given.dropLast()) : given
        var log = Log()
        let mx = mxStep(domain, &log)
        var targets: [(host: String, preference: UInt16)]
        switch mx.kind {
        case .records: targets = mx.records.filter { !$0.isNull }.map { (host: $0.host, preference: $0.preference) }
        case .implicit: targets = [(host: domain, preference: 0)]
        case .nullMX, .noDomain, .unavailable: targets = []
        }
        var seen = Set<String>()
        targets = targets.filter { seen.insert($0.host.lowercased()).inserted }  // one host named twice
        if targets.count > Self.maximumHosts {
            log.issues.append(
                DomainIssue(
                    id: "mx-too-many", severity: .low, subject: domain,
                    title: "Only the first \(Self.maximumHosts) of \(targets.count) MX hosts were checked"))
            targets = Array(targets.prefix(Self.maximumHosts))
        }
        var hosts = targets.map { hostStep($0.host, preference: $0.preference, mx: mx.lookup, &log) }
        let sts = stsStep(domain, hosts: hosts.map(\.host), &log)
        if let coverage = sts.coverage {
            for index in hosts.indices { hosts[index].stsPattern = coverage.patternByHost[hosts[index].host] }
        }
        let rpt = tlsRPTStep(domain, &log)
        return DomainAuditResult(
            domain: domain, mx: mx, hosts: hosts, mtaSTS: sts, tlsRPT: rpt, lookups: log.lookups, issues: log.issues)
    }

    /// One question; a bogus answer (other than TLSA, judged with DANE) is a `dnssec-invalid` issue.
    func ask(_ name: String, _ type: DNSRecordType, _ log: inout Log) -> DomainLookup {
        let lookup: DomainLookup
        do {
            lookup = DomainLookup(answer: try resolver.resolve(name, type: type))
        } catch {
            lookup = DomainLookup(name: name, type: type, error: error)
        }
        log.lookups.append(lookup)
        if lookup.dnssec == .bogus, type != .tlsa {
            log.issues.append(
                DomainIssue(
                    id: "dnssec-bogus", severity: .critical, resultType: .dnssecInvalid, subject: lookup.name,
                    title: "The \(type) answer fails DNSSEC validation: validating senders cannot deliver",
                    evidence: ["lookup": lookup.summary]))
        }
        return lookup
    }

    func mxStep(_ domain: String, _ log: inout Log) -> DomainMXResult {
        let lookup = ask(domain, .mx, &log)
        let rdata = lookup.answer?.rdata ?? []
        var records: [MXRecord] = []
        var kind: DomainMXResult.Kind
        if !rdata.isEmpty, lookup.outcome == .data || lookup.dnssec == .bogus {
            for data in rdata.prefix(Self.maximumRecords) {
                do {
                    records.append(try MXRecord.parse(data))
                } catch {
                    log.issues.append(
                        DomainIssue(
                            id: "mx-malformed", severity: .medium, subject: domain, title: "A malformed MX record",
                            evidence: ["reason": error.reason]))
                }
            }
            records.sort()
            kind = records.isEmpty ? .unavailable : MXRecord.isNullMX(records) ? .nullMX : .records
            if kind == .records, records.contains(where: \.isNull) {
                log.issues.append(
                    DomainIssue(
                        id: "mx-null-mixed", severity: .medium, subject: domain,
                        title: "A Null MX beside other MX records (RFC 7505 3: it must be the only one)"))
            }
        } else {
            switch lookup.outcome {
            case .noData: kind = .implicit
            case .nxDomain: kind = .noDomain
            case .data, .failure, .error: kind = .unavailable
            }
        }
        if let issue = Self.mxIssue(kind: kind, lookup: lookup, domain: domain) { log.issues.append(issue) }
        return DomainMXResult(kind: kind, records: records, lookup: lookup)
    }

    static func mxIssue(kind: DomainMXResult.Kind, lookup: DomainLookup, domain: String) -> DomainIssue? {
        let evidence = ["lookup": lookup.summary]
        switch kind {
        case .noDomain:
            return DomainIssue(
                id: "domain-not-found", severity: .high, subject: domain, title: "The domain does not exist",
                evidence: evidence)
        case .unavailable where lookup.dnssec != .bogus:
            return DomainIssue(
                id: "mx-lookup-failed", severity: .high, subject: domain, title: "The MX lookup gave no usable answer",
                evidence: evidence)
        case .records, .implicit, .nullMX, .unavailable:
            guard lookup.dnssec == .insecure, kind != .nullMX else { return nil }
            return DomainIssue(
                id: "dnssec-unsigned", severity: .low, subject: domain,
                title: "The domain is not DNSSEC-signed: DANE cannot protect mail to it", evidence: evidence)
        }
    }

    func hostStep(_ host: String, preference: UInt16, mx: DomainLookup, _ log: inout Log) -> DomainMXHost {
        let lookups = [ask(host, .a, &log), ask(host, .aaaa, &log)]
        var addresses: [DomainAddress] = []
        for lookup in lookups {
            for data in lookup.usableData.prefix(Self.maximumRecords) {
                guard let text = try? AddressRecord.parse(data, type: lookup.type) else { continue }
                addresses.append(DomainAddress(address: text, type: lookup.type, dnssec: lookup.dnssec))
            }
        }
        if addresses.isEmpty, !lookups.contains(where: { $0.dnssec == .bogus }) {
            log.issues.append(
                DomainIssue(
                    id: "mx-host-no-address", severity: .high, subject: host, title: "The MX host has no address",
                    evidence: ["a": lookups[0].summary, "aaaa": lookups[1].summary]))
        }
        let name = "_25._tcp.\(host)."
        var tlsa = DomainTLSA(
            name: name, baseDomain: host, lookups: [], records: [],
            applicability: DANEApplicability.precondition(mx: mx, addresses: lookups))
        if tlsa.applicability == .applies {
            let canonical = lookups.compactMap(\.canonicalName).first
            tlsa = tlsaStep(host, canonical: canonical, &log)
            log.issues += DANEApplicability.issues(host: host, tlsa: tlsa)
        }
        return DomainMXHost(
            host: host, preference: preference, addressLookups: lookups, addresses: addresses, tlsa: tlsa,
            stsPattern: nil)
    }

    /// `_25._tcp.<host>`, after `_25._tcp.<CNAME target>` when the host is an alias and the
    /// target has no TLSA records (RFC 7672 2.2.2).
    func tlsaStep(_ host: String, canonical: String?, _ log: inout Log) -> DomainTLSA {
        var bases = [host]
        if let canonical, !DNSName.equal(canonical, host) {
            bases.insert(canonical.hasSuffix(".") ? String(canonical.dropLast()) : canonical, at: 0)
        }
        var lookups: [DomainLookup] = []
        var base = host
        for candidate in bases {
            base = candidate
            let lookup = ask("_25._tcp.\(candidate).", .tlsa, &log)
            lookups.append(lookup)
            guard lookup.dnssec == .secure, lookup.outcome == .noData || lookup.outcome == .nxDomain else { break }
        }
        var records: [DomainTLSARecord] = []
        for data in lookups.last?.usableData.prefix(Self.maximumRecords) ?? [] {
            do {
                records.append(DomainTLSARecord(try TLSARecord.parse(data)))
            } catch {
                log.issues.append(
                    DomainIssue(
                        id: "dane-tlsa-malformed", severity: .medium, resultType: .tlsaInvalid, subject: host,
                        title: "A malformed TLSA record", evidence: ["reason": error.reason]))
            }
        }
        let applicability = lookups.last.map { DANEApplicability.evaluate(tlsa: $0, records: records) } ?? .applies
        return DomainTLSA(
            name: "_25._tcp.\(base).", baseDomain: base, lookups: lookups, records: records,
            applicability: applicability)
    }
}
