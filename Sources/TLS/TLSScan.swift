#if canImport(Glibc)
    import Glibc
#endif

/// One service's TLS scan, backend-neutral: the versions each alone, the suites of each
/// accepted version, whether the server enforces its order, the groups, and RFC 5746 / RFC 7627
/// from a TLS 1.2 handshake. The backend gives the prober (one connection per probe) and the
/// suites and groups it can offer; this decides what to offer, within the caller's budget.
public enum TLSScan {
    /// - Parameters:
    ///   - catalogue: every suite the backend can offer, in its preference order.
    ///   - groups: every group the backend can offer ("X25519", "SECP256R1", "FFDHE2048").
    ///   - pause: waits between connections (`TLSScanOptions.spacing`); tests pass a fake.
    public static func run(
        prober: TLSProber, catalogue: [TLSCipherSuite], groups: [String], options: TLSScanOptions,
        pause: @escaping (Double) -> Void = TLSScan.sleep
    ) -> TLSScanResult {
        let budget = TLSProbeBudget(prober: prober, options: options, pause: pause)
        var result = TLSScanResult()
        result.connectionBudget = options.connectionBudget
        probeVersions(&result, options: options, budget: budget)

        let accepted = result.acceptedVersions
        var suites: [TLSVersion: TLSSuiteScan] = [:]
        for version in [TLSVersion.tls1_3, .tls1_2] where accepted.contains(version) {
            suites[version] = TLSSuiteEnumeration.run(version: version, catalogue: catalogue, budget: budget)
        }
        for version in [TLSVersion.tls1_3, .tls1_2] {
            if let scan = suites[version] {
                suites[version]?.serverOrder = TLSSuiteEnumeration.serverOrder(of: scan, budget: budget)
            }
        }
        if let newest = accepted.first(where: { $0 >= .tls1_2 }) {
            let probed = groups.filter { !options.excludedGroups.contains($0) }
            result.groups = TLSGroupEnumeration.run(version: newest, groups: probed, budget: budget)
            result.groups.notTested += groups.filter { options.excludedGroups.contains($0) }
        }
        if options.enumerateLegacySuites {
            for version in [TLSVersion.tls1_1, .tls1_0] where accepted.contains(version) {
                suites[version] = TLSSuiteEnumeration.run(version: version, catalogue: catalogue, budget: budget)
            }
        }
        result.cipherSuites = TLSVersion.allCases.reversed().compactMap { suites[$0] }
        result.connectionsUsed = budget.used
        result.stopped = budget.stop
        result.probes = budget.records
        return result
    }

    /// Each version alone, newest first, offering everything else the backend can.
    private static func probeVersions(_ result: inout TLSScanResult, options: TLSScanOptions, budget: TLSProbeBudget) {
        var legacyHandshake: TLSHandshakeSummary?
        for version in TLSVersion.allCases.reversed() {
            guard options.versions.contains(version),
                let outcome = budget.probe(TLSProbeOffer(version: version), purpose: "version")
            else {
                result.versions.append(TLSVersionScan(version: version, status: .notTested))
                continue
            }
            switch outcome {
            case .accepted(let summary) where summary.version == version:
                result.versions.append(TLSVersionScan(version: version, status: .accepted))
                if version <= .tls1_2 && legacyHandshake == nil { legacyHandshake = summary }
            case .accepted(let summary):
                result.versions.append(
                    TLSVersionScan(
                        version: version, status: .refused,
                        reason: "the server answered with \(summary.version.displayName)"))
            case .refused(let reason):
                result.versions.append(TLSVersionScan(version: version, status: .refused, reason: reason))
            }
        }
        result.secureRenegotiation = legacyHandshake?.secureRenegotiation
        result.extendedMasterSecret = legacyHandshake?.extendedMasterSecret
    }

    /// Sleeps `seconds`: the default pause between two connections.
    public static func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
