import DNS

/// What the domain checks found, as the JSON report carries it (`domains[]` in
/// schema/audit-v1.json): the MX answer, every DNS answer with its DNSSEC status, each MX
/// host's addresses, TLSA records and DANE verdicts (one per address audited on port 25), the
/// MTA-STS record, policy fetch and coverage, and the TLS-RPT record. Every key is always
/// present; absent values are null. Server text is kept as sent.
public struct DomainSummary: Encodable, Sendable {
    public var domain: String
    public var mxHosts: [String]
    /// The MX answer's DNSSEC status: "secure", "insecure", "bogus", or "unknown" (no answer).
    public var mxSecurity: String
    public var nullMX: Bool
    public var result: DomainAuditResult
    /// The DANE verdicts per MX host (host name → one per audited address).
    public var verdicts: [String: [DomainVerdict]] = [:]

    public init(_ result: DomainAuditResult) {
        self.result = result
        domain = result.domain
        mxHosts = result.hosts.map(\.host)
        mxSecurity = result.mx.lookup.dnssec.rawValue
        nullMX = result.mx.kind == .nullMX
    }

    private enum Keys: String, CodingKey {
        case domain, mxHosts, mxSecurity, nullMX, mx, lookups, hosts, mtaSTS, tlsRPT
        case kind, records, lookup, preference, host, name, type, outcome, rcode, dnssec, reason, canonicalName
        case addresses, address, dane, stsPattern, applies, tlsaName, baseDomain, verdicts
        case usage, selector, matchingType, data, record, unusableReason
        case status, id, policyURL, fetch, policy, coverage, url, contentType, location, failure, message
        case mode, maxAge, repeatedKeys, uncoveredHosts, unusedPatterns, reportURIs
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(domain, forKey: .domain)
        try c.encode(mxHosts, forKey: .mxHosts)
        try c.encode(mxSecurity, forKey: .mxSecurity)
        try c.encode(nullMX, forKey: .nullMX)
        var mx = c.nestedContainer(keyedBy: Keys.self, forKey: .mx)
        try mx.encode(result.mx.kind.rawValue, forKey: .kind)
        var records = mx.nestedUnkeyedContainer(forKey: .records)
        for record in result.mx.records {
            var item = records.nestedContainer(keyedBy: Keys.self)
            try item.encode(record.preference, forKey: .preference)
            try item.encode(record.isNull ? "." : record.host, forKey: .host)
        }
        try Self.encode(result.mx.lookup, into: &mx, forKey: .lookup)
        var lookups = c.nestedUnkeyedContainer(forKey: .lookups)
        for lookup in result.lookups {
            var item = lookups.nestedContainer(keyedBy: Keys.self)
            try Self.fill(lookup, &item)
        }
        var hosts = c.nestedUnkeyedContainer(forKey: .hosts)
        for host in result.hosts {
            var item = hosts.nestedContainer(keyedBy: Keys.self)
            try encode(host, into: &item)
        }
        try encodeSTS(into: &c)
        var rpt = c.nestedContainer(keyedBy: Keys.self, forKey: .tlsRPT)
        try rpt.encode(result.tlsRPT.status.rawValue, forKey: .status)
        try rpt.encode(result.tlsRPT.record?.reportURIs, forKey: .reportURIs)
        try Self.encode(result.tlsRPT.lookup, into: &rpt, forKey: .lookup)
    }

    private func encode(_ host: DomainMXHost, into item: inout KeyedEncodingContainer<Keys>) throws {
        try item.encode(host.host, forKey: .host)
        try item.encode(host.preference, forKey: .preference)
        var addresses = item.nestedUnkeyedContainer(forKey: .addresses)
        for address in host.addresses {
            var entry = addresses.nestedContainer(keyedBy: Keys.self)
            try entry.encode(address.address, forKey: .address)
            try entry.encode(address.type.description, forKey: .type)
            try entry.encode(address.dnssec.rawValue, forKey: .dnssec)
        }
        try item.encode(host.stsPattern, forKey: .stsPattern)
        var dane = item.nestedContainer(keyedBy: Keys.self, forKey: .dane)
        try dane.encode(host.tlsa.applicability == .applies, forKey: .applies)
        var reason: String?
        if case .notApplicable(let why) = host.tlsa.applicability { reason = why }
        try dane.encode(reason, forKey: .reason)
        try dane.encode(host.tlsa.name, forKey: .tlsaName)
        try dane.encode(host.tlsa.baseDomain, forKey: .baseDomain)
        var records = dane.nestedUnkeyedContainer(forKey: .records)
        for record in host.tlsa.records {
            var entry = records.nestedContainer(keyedBy: Keys.self)
            try entry.encode(record.record.description, forKey: .record)
            try entry.encode(record.record.usage, forKey: .usage)
            try entry.encode(record.record.selector, forKey: .selector)
            try entry.encode(record.record.matchingType, forKey: .matchingType)
            try entry.encode(record.unusableReason, forKey: .unusableReason)
        }
        try dane.encode(verdicts[host.host] ?? [], forKey: .verdicts)
    }

    private func encodeSTS(into c: inout KeyedEncodingContainer<Keys>) throws {
        let sts = result.mtaSTS
        var item = c.nestedContainer(keyedBy: Keys.self, forKey: .mtaSTS)
        try item.encode(sts.status.rawValue, forKey: .status)
        try item.encode(sts.record?.id, forKey: .id)
        try item.encode(sts.policyURL, forKey: .policyURL)
        try Self.encode(sts.lookup, into: &item, forKey: .lookup)
        if let fetch = sts.fetch {
            var entry = item.nestedContainer(keyedBy: Keys.self, forKey: .fetch)
            try entry.encode(fetch.url, forKey: .url)
            try entry.encode(fetch.status, forKey: .status)
            try entry.encode(fetch.contentType, forKey: .contentType)
            try entry.encode(fetch.location, forKey: .location)
            try entry.encode(fetch.failure?.rawValue, forKey: .failure)
            try entry.encode(fetch.message, forKey: .message)
        } else {
            try item.encodeNil(forKey: .fetch)
        }
        if let policy = sts.policy {
            var entry = item.nestedContainer(keyedBy: Keys.self, forKey: .policy)
            try entry.encode(policy.mode.rawValue, forKey: .mode)
            try entry.encode(policy.maxAge, forKey: .maxAge)
            try entry.encode(policy.mx, forKey: .mx)
            try entry.encode(policy.repeatedKeys, forKey: .repeatedKeys)
        } else {
            try item.encodeNil(forKey: .policy)
        }
        if let coverage = sts.coverage {
            var entry = item.nestedContainer(keyedBy: Keys.self, forKey: .coverage)
            try entry.encode(coverage.uncoveredHosts, forKey: .uncoveredHosts)
            try entry.encode(coverage.unusedPatterns, forKey: .unusedPatterns)
        } else {
            try item.encodeNil(forKey: .coverage)
        }
    }

    private static func encode(
        _ lookup: DomainLookup, into container: inout KeyedEncodingContainer<Keys>, forKey key: Keys
    ) throws {
        var item = container.nestedContainer(keyedBy: Keys.self, forKey: key)
        try fill(lookup, &item)
    }

    /// `{name, type, outcome, rcode, dnssec, reason, canonicalName}`.
    private static func fill(_ lookup: DomainLookup, _ item: inout KeyedEncodingContainer<Keys>) throws {
        try item.encode(lookup.name, forKey: .name)
        try item.encode(lookup.type.description, forKey: .type)
        let outcome: String
        var rcode: Int?
        switch lookup.outcome {
        case .data: outcome = "data"
        case .noData: outcome = "no-data"
        case .nxDomain: outcome = "nxdomain"
        case .failure(let code):
            outcome = "failure"
            rcode = code
        case .error: outcome = "error"
        }
        try item.encode(outcome, forKey: .outcome)
        try item.encode(rcode, forKey: .rcode)
        try item.encode(lookup.dnssec.rawValue, forKey: .dnssec)
        try item.encode(lookup.reason, forKey: .reason)
        try item.encode(lookup.canonicalName, forKey: .canonicalName)
    }
}

/// The DANE verdict for the chain one address of an MX host sent on port 25.
public struct DomainVerdict: Encodable, Sendable {
    public var address: String
    public var connectedPort: UInt16
    /// "match" (a record authenticates the server), "no-match", or "no-tls" (no chain to judge:
    /// STARTTLS missing or refused, handshake failed).
    public var result: String
    /// Every record whose data the chain has, with the depth it matched at ("3 1 1 ab…", 0).
    public var matches: [Match]
    /// The matches that authenticate the server.
    public var accepted: [Match]
    public var failureReason: String?
    public var rolloverWarning: String?

    public struct Match: Encodable, Sendable {
        public var record: String
        public var depth: Int
    }

    init(address: String, connectedPort: UInt16, verdict: DANEVerdict?, noTLS: String?) {
        self.address = address
        self.connectedPort = connectedPort
        let convert: (DANEMatch) -> Match = { Match(record: $0.record.description, depth: $0.depth) }
        matches = verdict?.matches.map(convert) ?? []
        accepted = verdict?.accepted.map(convert) ?? []
        if let verdict {
            result = verdict.isMatch ? "match" : "no-match"
            failureReason = verdict.failureReason
            rolloverWarning = verdict.rolloverWarning
        } else {
            result = "no-tls"
            failureReason = noTLS
        }
    }

    private enum CodingKeys: String, CodingKey {
        case address, connectedPort, result, matches, accepted, failureReason, rolloverWarning
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(connectedPort, forKey: .connectedPort)
        try c.encode(result, forKey: .result)
        try c.encode(matches, forKey: .matches)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(failureReason, forKey: .failureReason)
        try c.encode(rolloverWarning, forKey: .rolloverWarning)
    }
}
