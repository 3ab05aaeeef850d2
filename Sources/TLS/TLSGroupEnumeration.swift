/// Finds the key-exchange groups a server accepts: offer every group left, read the one the
/// server used, remove it, repeat until it refuses the rest. Under TLS 1.2 only the elliptic
/// curves are probed, with ECDHE key exchanges (finite-field groups there are the server's
/// choice of parameters, not a negotiation).
enum TLSGroupEnumeration {
    static let tls12KeyExchanges = ["ECDHE-RSA", "ECDHE-ECDSA"]

    static func run(version: TLSVersion, groups: [String], budget: TLSProbeBudget) -> TLSGroupScan {
        var scan = TLSGroupScan()
        scan.version = version
        var remaining = version == .tls1_3 ? groups : groups.filter { !$0.hasPrefix("FFDHE") }
        let keyExchanges = version == .tls1_3 ? nil : tls12KeyExchanges
        for _ in 0..<remaining.count {
            guard !remaining.isEmpty,
                let outcome = budget.probe(
                    TLSProbeOffer(version: version, keyExchanges: keyExchanges, groups: remaining), purpose: "groups")
            else { break }
            guard case .accepted(let summary) = outcome else {
                scan.refused = remaining
                remaining = []
                break
            }
            guard let group = summary.group, remaining.contains(group) else { break }
            scan.accepted.append(group)
            remaining.removeAll { $0 == group }
        }
        scan.notTested = remaining
        return scan
    }
}
