import TLS

/// A TLS server simulated for the scan: the versions, suites and groups it accepts, whether it
/// picks by its own order, and when it stops answering. It answers an offer the way a real
/// server would, given the offer's suites in a GnuTLS client's order (key exchange, then
/// cipher, then MAC, each in the order offered).
final class SimulatedTLSServer: TLSProber {
    var versions: Set<TLSVersion> = [.tls1_2, .tls1_3]
    /// Accepted suites by name, in the server's preference order.
    var suites: [String] = []
    var groups: [String] = ["X25519", "SECP256R1"]
    var prefersOwnOrder = true
    var secureRenegotiation = true
    var extendedMasterSecret = false
    /// The connection (1-based) from which connecting fails, as for a 421 greeting.
    var unreachableFrom: Int?
    let catalogue: [TLSCipherSuite]
    let allGroups: [String]
    private(set) var offers: [TLSProbeOffer] = []

    init(catalogue: [TLSCipherSuite] = SimulatedTLSServer.catalogue, allGroups: [String] = SimulatedTLSServer.allGroups)
    {
        self.catalogue = catalogue
        self.allGroups = allGroups
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "421 4.7.0 Too many connections" }
    }

    func probe(_ offer: TLSProbeOffer) throws -> TLSProbeOutcome {
        offers.append(offer)
        if let unreachableFrom, offers.count >= unreachableFrom { throw Unreachable() }
        guard versions.contains(offer.version) else { return .refused("protocol_version") }
        let offered = offeredSuites(offer)
        let acceptable = offered.filter { suites.contains($0.name) }
        let chosen =
            prefersOwnOrder
            ? suites.lazy.compactMap { name in acceptable.first { $0.name == name } }.first
            : acceptable.first
        guard let chosen else { return .refused("handshake_failure") }
        let offeredGroups = offer.groups ?? allGroups
        var group: String?
        if chosen.keyExchange?.hasPrefix("ECDHE") ?? true {
            let candidates = offeredGroups.filter { groups.contains($0) }
            group = prefersOwnOrder ? groups.first { candidates.contains($0) } : candidates.first
            guard group != nil else { return .refused("handshake_failure: no common group") }
        }
        return .accepted(
            TLSHandshakeSummary(
                version: offer.version, cipherSuite: chosen.name, group: group,
                secureRenegotiation: offer.version < .tls1_3 && secureRenegotiation,
                extendedMasterSecret: offer.version < .tls1_3 && extendedMasterSecret))
    }

    /// The offer's suites in a GnuTLS client's order.
    private func offeredSuites(_ offer: TLSProbeOffer) -> [TLSCipherSuite] {
        func rank(_ list: [String]?, _ name: String?) -> Int? {
            guard let list else { return 0 }
            return name.flatMap { list.firstIndex(of: $0) }
        }
        let usable = catalogue.filter { $0.isUsable(with: offer.version) }
        let ranked: [(TLSCipherSuite, [Int])] = usable.compactMap { suite in
            let kx = suite.keyExchange == nil ? 0 : rank(offer.keyExchanges, suite.keyExchange)
            guard let kx, let cipher = rank(offer.ciphers, suite.cipher) else { return nil }
            let mac = suite.minimumVersion == .tls1_3 ? 0 : rank(offer.macs, suite.mac)
            guard let mac else { return nil }
            return (suite, [kx, cipher, mac])
        }
        return ranked.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map { $0.0 }
    }

    static let allGroups = ["X25519", "SECP256R1", "SECP384R1", "FFDHE2048"]

    static let catalogue: [TLSCipherSuite] = {
        var suites = [
            TLSCipherSuite(
                id: 0x1302, name: "TLS_AES_256_GCM_SHA384", keyExchange: nil, cipher: "AES-256-GCM", mac: "AEAD",
                minimumVersion: .tls1_3),
            TLSCipherSuite(
                id: 0x1303, name: "TLS_CHACHA20_POLY1305_SHA256", keyExchange: nil, cipher: "CHACHA20-POLY1305",
                mac: "AEAD", minimumVersion: .tls1_3),
            TLSCipherSuite(
                id: 0x1301, name: "TLS_AES_128_GCM_SHA256", keyExchange: nil, cipher: "AES-128-GCM", mac: "AEAD",
                minimumVersion: .tls1_3),
        ]
        var id: UInt16 = 0xC000
        for kx in ["ECDHE-ECDSA", "ECDHE-RSA", "RSA", "DHE-RSA"] {
            let parts: [(String, String, TLSVersion)] = [
                ("AES-256-GCM", "AEAD", .tls1_2), ("CHACHA20-POLY1305", "AEAD", .tls1_2),
                ("AES-128-GCM", "AEAD", .tls1_2),
                ("AES-256-CBC", "SHA1", .tls1_0), ("AES-128-CBC", "SHA1", .tls1_0), ("AES-128-CBC", "SHA256", .tls1_2),
            ]
            for (cipher, mac, version) in parts where !(kx == "RSA" && cipher.hasPrefix("CHACHA")) {
                id += 1
                let name = "TLS_" + kx.replacingDashes() + "_" + cipher.replacingDashes() + "_" + mac
                suites.append(
                    TLSCipherSuite(
                        id: id, name: name, keyExchange: kx, cipher: cipher, mac: mac, minimumVersion: version))
            }
        }
        return suites
    }()
}

extension String {
    fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
