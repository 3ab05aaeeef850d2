import CLI
import DNS
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

    init(environment: AuditEnvironment, progress: AuditProgress) {
        self.environment = environment
        self.progress = progress
    }

    func observe(_ targets: [AuditTarget]) -> [ServiceObservation] {
        var observations: [ServiceObservation] = []
        for (index, target) in targets.enumerated() {
            progress.show("auditing \(target.service.scheme)://\(target.subject) (\(index + 1)/\(targets.count))")
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
                observations.append(observation)
                continue
            }
            for address in addresses {
                let probe = ServiceProbe(
                    host: target.host, service: target.service, address: address, port: destination.port,
                    environment: environment)
                observations.append(probe.run())
            }
        }
        progress.clear()
        return observations
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

/// The progress line on a terminal's stderr while probing ("auditing smtp://host:25 (1/7)").
final class AuditProgress {
    private let sink: ByteSink?

    init(standardError: ByteSink, enabled: Bool) {
        let terminal = (standardError as? FileDescriptorSink).map { isatty($0.descriptor) == 1 } ?? false
        sink = enabled && terminal ? standardError : nil
    }

    func show(_ text: String) { try? sink?.write("\r\u{1B}[K" + String(text.prefix(100))) }

    func clear() { try? sink?.write("\r\u{1B}[K") }
}
