/// Finds the suites a server accepts for one version within few connections: offer a box of
/// suites, read the one the server chose, split the box without it and go on; a refused box
/// refuses all of its suites at once. Each connection either finds one accepted suite or
/// settles a whole box, so a server accepting n suites costs about 2n connections, not one per
/// suite the library knows.
enum TLSSuiteEnumeration {
    static func run(version: TLSVersion, catalogue: [TLSCipherSuite], budget: TLSProbeBudget) -> TLSSuiteScan {
        let candidates = catalogue.filter { $0.isUsable(with: version) }
        var scan = TLSSuiteScan(version: version)
        guard !candidates.isEmpty else { return scan }
        var work = [TLSSuiteBox(covering: candidates, version: version)]
        var accepted: [TLSCipherSuite] = []
        var refused: Set<UInt16> = []
        var inconclusive: Set<UInt16> = []
        // Each round settles at least one candidate or drops an empty box: bounded.
        var rounds = 0
        while let box = work.popLast(), rounds < 4 * candidates.count + 4 {
            rounds += 1
            let open = candidates.filter {
                box.contains($0) && !accepted.contains($0) && !refused.contains($0.id) && !inconclusive.contains($0.id)
            }
            if open.isEmpty { continue }
            guard let outcome = budget.probe(box.offer(version), purpose: "suites") else { break }
            switch outcome {
            case .refused:
                refused.formUnion(open.map(\.id))
            case .accepted(let summary):
                guard summary.version == version, let suite = open.first(where: { $0.name == summary.cipherSuite })
                else {
                    // A suite it was not offered, or another version: nothing to split on.
                    inconclusive.formUnion(open.map(\.id))
                    continue
                }
                accepted.append(suite)
                work.append(contentsOf: box.removing(suite))
            }
        }
        scan.accepted = accepted
        scan.refused = candidates.filter { refused.contains($0.id) }
        scan.notTested = candidates.filter { !accepted.contains($0) && !refused.contains($0.id) }
        return scan
    }

    /// Offers two accepted suites in both orders: the same answer twice means the server
    /// enforces its own preference. Two suites that differ only in their cipher, so that the
    /// offer holds nothing else.
    static func serverOrder(of scan: TLSSuiteScan, budget: TLSProbeBudget) -> TLSServerOrder {
        let accepted = scan.accepted
        var pair: (TLSCipherSuite, TLSCipherSuite)?
        search: for (i, a) in accepted.enumerated() {
            for b in accepted[(i + 1)...]
            where b.keyExchange == a.keyExchange && b.mac == a.mac && b.cipher != a.cipher {
                pair = (a, b)
                break search
            }
        }
        guard let pair else { return .unknown }
        let (a, b) = pair
        let tls13 = scan.version == .tls1_3
        func offer(_ ciphers: [String]) -> TLSProbeOffer {
            TLSProbeOffer(
                version: scan.version, keyExchanges: tls13 ? nil : a.keyExchange.map { [$0] }, ciphers: ciphers,
                macs: tls13 ? nil : [a.mac])
        }
        guard case .accepted(let first)? = budget.probe(offer([a.cipher, b.cipher]), purpose: "order"),
            case .accepted(let second)? = budget.probe(offer([b.cipher, a.cipher]), purpose: "order")
        else { return .unknown }
        if first.cipherSuite == second.cipherSuite { return .server }
        if first.cipherSuite == a.name && second.cipherSuite == b.name { return .client }
        return .unknown
    }
}
