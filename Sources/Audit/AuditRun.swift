import CLI
import DNS
import Synchronization
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the probes: every target at every address its name (or `--connect-to`) resolves to,
/// one after the other within the connection budget, then the findings of each service and of
/// each host.
struct AuditRun {
    let environment: AuditEnvironment
    let progress: AuditProgress
    /// DOMAIN's MX hosts and their addresses as the domain checks found them (validating
    /// resolver), used instead of the system's resolver unless `--connect-to` sends the
    /// connection elsewhere.
    var addressesInDNS: [String: [DomainAddress]] = [:]
    /// Probe different endpoints side by side; off when a trace is written (`-v`,
    /// `--trace-ascii`), which stays in order.
    var parallel = true

    /// Probes on up to this many addresses and ports at once (`parallel`).
    static let width = 8

    init(environment: AuditEnvironment, progress: AuditProgress) {
        self.environment = environment
        self.progress = progress
    }

    func observe(_ targets: [AuditTarget]) -> [ServiceObservation] {
        // Each target's addresses first, in order; then the probes, one endpoint (address and
        // port) per thread, the probes of one endpoint one after the other.
        var plan = plan(targets)
        let total = plan.slots.filter { $0 == nil }.count
        let done = ProgressCount()
        let groups = plan.endpoints
        let jobs = plan.order.map { key in
            { [progress] () -> [Int: ServiceObservation] in
                var results: [Int: ServiceObservation] = [:]
                var scans: [String: TLSScanResult] = [:]
                for (slot, var probe) in groups[key] ?? [] {
                    // The same server port audited again (two names or ports sent to it by
                    // --connect-to): its TLS is what it was, the scan is not repeated.
                    probe.knownScan = scans[probe.host]
                    let observation = probe.run()
                    if let scan = observation.tlsScan { scans[probe.host] = scan }
                    results[slot] = observation
                    progress.show(
                        "audited \(probe.service.scheme)://\(observation.subject) (\(done.increment())/\(total))")
                }
                return results
            }
        }
        for results in ParallelEndpoints.run(jobs, width: parallel ? Self.width : 1) {
            for (slot, observation) in results { plan.slots[slot] = observation }
        }
        progress.clear()
        return plan.slots.compactMap { $0 }
    }

    /// The observations in target order (those that failed to resolve already made), and the
    /// probes to run grouped by endpoint ("address|port"), endpoints in order of appearance.
    private struct Plan {
        var slots: [ServiceObservation?] = []
        var endpoints: [String: [(slot: Int, probe: ServiceProbe)]] = [:]
        var order: [String] = []
    }

    private func plan(_ targets: [AuditTarget]) -> Plan {
        var plan = Plan()
        for (index, target) in targets.enumerated() {
            progress.show("resolving \(target.host) (\(index + 1)/\(targets.count))")
            let destination = ConnectTo.destination(
                host: target.host, port: target.service.port, rules: environment.connectTo)
            let addresses: [String]
            do {
                if case .mx = target.origin, destination.host == target.host, let known = addressesInDNS[target.host] {
                    addresses = try usable(known, host: target.host)
                } else {
                    addresses = try addressesOf(destination.host, port: destination.port)
                }
            } catch {
                var observation = ServiceObservation(
                    host: target.host, service: target.service, address: destination.host,
                    connectedPort: destination.port)
                observation.outcome = .unreachable("\(error)")
                plan.slots.append(observation)
                continue
            }
            for address in addresses {
                let probe = ServiceProbe(
                    host: target.host, service: target.service, address: address, port: destination.port,
                    environment: environment)
                let key = "\(address)|\(destination.port)"
                if plan.endpoints[key] == nil { plan.order.append(key) }
                plan.endpoints[key, default: []].append((plan.slots.count, probe))
                plan.slots.append(nil)
            }
        }
        return plan
    }

    /// The numeric addresses of `host`, each once, in the resolver's order.
    private func addressesOf(_ host: String, port: UInt16) throws -> [String] {
        var addresses: [String] = []
        for address in try Resolver.resolve(host: host, port: port, family: environment.connection.family)
        where !addresses.contains(address.numericHost) {
            addresses.append(address.numericHost)
        }
        return addresses
    }

    /// The A and AAAA addresses the domain checks found, per `-4`/`-6`.
    private func usable(_ known: [DomainAddress], host: String) throws -> [String] {
        let addresses = known.filter { address in
            switch environment.connection.family {
            case .ipv4Only: address.type == .a
            case .ipv6Only: address.type == .aaaa
            default: true
            }
        }.map(\.address)
        guard !addresses.isEmpty else { throw TransportError(.resolve, "Could not resolve host: \(host)") }
        return addresses
    }

    func findings(_ observations: [ServiceObservation], targets: [AuditTarget], now: Int) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for observation in observations {
            let origin =
                targets.first { $0.host == observation.host && $0.service == observation.service }?.origin ?? .url
            findings += ServiceFindings.findings(observation, origin: origin, now: now)
        }
        return findings + HostFindings.findings(observations, targets: targets)
    }

    /// Named targets (URLs, MX hosts) none of whose addresses could be audited; rate-limited
    /// standard ports count too (the audit is incomplete), refused standard ports do not (a
    /// host need not offer every service).
    func unaudited(_ observations: [ServiceObservation], targets: [AuditTarget]) -> [String] {
        var result: [String] = []
        for target in targets {
            let mine = observations.filter { $0.host == target.host && $0.service == target.service }
            let missed = mine.filter { observation in
                switch observation.outcome {
                case .rateLimited, .budgetExhausted, .protocolError: return true
                case .unreachable: return target.origin != .standardPort
                case .audited, .starttlsNotOffered, .starttlsRefused, .handshakeFailed: return false
                }
            }
            if !missed.isEmpty && !result.contains(target.subject) { result.append(target.subject) }
        }
        return result
    }
}

/// How many probes are done, counted from the threads that run them.
final class ProgressCount: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }
}

/// The progress line on a terminal's stderr while probing ("audited smtp://host:25 (1/7)");
/// written from the probes' threads, one write at a time.
final class AuditProgress: @unchecked Sendable {
    private let sink: ByteSink?
    private let lock = Mutex(())

    init(standardError: ByteSink, enabled: Bool) {
        let terminal = (standardError as? FileDescriptorSink).map { isatty($0.descriptor) == 1 } ?? false
        sink = enabled && terminal ? standardError : nil
    }

    func show(_ text: String) {
        guard let sink else { return }
        lock.withLock { _ in try? sink.write("\r\u{1B}[K" + String(text.prefix(100))) }
    }

    func clear() {
        guard let sink else { return }
        lock.withLock { _ in try? sink.write("\r\u{1B}[K") }
    }
}
