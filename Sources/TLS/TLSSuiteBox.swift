/// A set of cipher suites one priority string can offer: every combination of some key
/// exchanges, ciphers and MACs (TLS 1.3 suites: ciphers only, the other two are nil). The
/// scan offers a box, reads the suite the server chose, and splits the box without it.
struct TLSSuiteBox: Equatable {
    var keyExchanges: [String]?
    var ciphers: [String]
    var macs: [String]?

    /// The smallest box holding `suites`, each dimension in the suites' (preference) order.
    init(covering suites: [TLSCipherSuite], version: TLSVersion) {
        let tls13 = version == .tls1_3
        keyExchanges = tls13 ? nil : Self.unique(suites.compactMap(\.keyExchange))
        ciphers = Self.unique(suites.map(\.cipher))
        macs = tls13 ? nil : Self.unique(suites.map(\.mac))
    }

    init(keyExchanges: [String]?, ciphers: [String], macs: [String]?) {
        self.keyExchanges = keyExchanges
        self.ciphers = ciphers
        self.macs = macs
    }

    func contains(_ suite: TLSCipherSuite) -> Bool {
        if let keyExchanges, !keyExchanges.contains(suite.keyExchange ?? "") { return false }
        if let macs, !macs.contains(suite.mac) { return false }
        return ciphers.contains(suite.cipher)
    }

    func offer(_ version: TLSVersion) -> TLSProbeOffer {
        TLSProbeOffer(version: version, keyExchanges: keyExchanges, ciphers: ciphers, macs: macs)
    }

    /// Disjoint boxes that together hold exactly this box's suites but `suite` (which it holds):
    /// the other key exchanges; this key exchange with the other ciphers; this key exchange and
    /// cipher with the other MACs.
    func removing(_ suite: TLSCipherSuite) -> [TLSSuiteBox] {
        var parts: [TLSSuiteBox] = []
        var fixedExchange = keyExchanges
        if let keyExchanges, let exchange = suite.keyExchange {
            let others = keyExchanges.filter { $0 != exchange }
            if !others.isEmpty { parts.append(TLSSuiteBox(keyExchanges: others, ciphers: ciphers, macs: macs)) }
            fixedExchange = [exchange]
        }
        let otherCiphers = ciphers.filter { $0 != suite.cipher }
        if !otherCiphers.isEmpty {
            parts.append(TLSSuiteBox(keyExchanges: fixedExchange, ciphers: otherCiphers, macs: macs))
        }
        if let macs {
            let otherMacs = macs.filter { $0 != suite.mac }
            if !otherMacs.isEmpty {
                parts.append(TLSSuiteBox(keyExchanges: fixedExchange, ciphers: [suite.cipher], macs: otherMacs))
            }
        }
        return parts
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
