import Codec
import IMAP
import POP3
import SMTP
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Audits one service at one address: one connection for the dialog (greeting, capabilities,
/// STARTTLS strictly one command per reply, capabilities again under TLS, QUIT), for a
/// STARTTLS service one for the command-injection test, then the TLS scan (versions, suites,
/// order, groups) with what is left of the connection budget. A 421 is tried once more after a
/// pause; refused, unreachable and rate-limited services are outcomes of their own, never TLS
/// failures. No credential is ever sent.
struct ServiceProbe {
    /// The audited name: SNI and the certificate's name.
    let host: String
    let service: AuditService
    /// Where the connection goes (a numeric address) and its port, after `--connect-to`.
    let address: String
    let port: UInt16
    let environment: AuditEnvironment
    /// This endpoint's scan from an earlier probe of the same run, reused instead of scanning again.
    var knownScan: TLSScanResult?

    func run() -> ServiceObservation {
        let started = Deadline.now()
        var observation = attempt(retries: [], connections: 0)
        if case .rateLimited(let why) = observation.outcome {
            usleep(retryPause)
            observation = attempt(retries: [why], connections: observation.connections)
        }
        if !service.implicitTLS, observation.outcome == .audited {
            var injection = StartTLSInjectionProbe(probe: self).run()
            if injection.result == .inconclusive, injection.rateLimited {
                observation.retries.append(injection.detail)
                observation.connections += injection.connected ? 1 : 0
                usleep(retryPause)
                injection = StartTLSInjectionProbe(probe: self).run()
            }
            observation.connections += injection.connected ? 1 : 0
            observation.injection = injection.result
            observation.injectionDetail = injection.detail
        }
        if scans(observation), let scan = scan() {
            observation.tlsScan = scan
            if knownScan == nil { observation.connections += scan.connectionsUsed }
        }
        observation.milliseconds = Int((Deadline.now() - started) / 1_000_000)
        return observation
    }

    /// Audited services are scanned, and implicit-TLS ones whose handshake worked but whose
    /// mail dialog did not (TLS is what the scan is about).
    private func scans(_ observation: ServiceObservation) -> Bool {
        if observation.outcome == .audited { return true }
        if case .protocolError = observation.outcome { return service.implicitTLS && observation.tls != nil }
        return false
    }

    /// The TLS scan within what the budget leaves for this address and port (each connection
    /// spaced by the budget itself); nil when the backend cannot scan or nothing is left.
    private func scan() -> TLSScanResult? {
        if let knownScan { return knownScan }
        let remaining = environment.budget.remaining(address: address, port: port)
        guard let scanner = environment.scanner, remaining > 0 else { return nil }
        let timeout = min(environment.connection.connectTimeout ?? 10, 10)
        environment.trace.info("TLS scan of \(address) port \(port): at most \(remaining) connections")
        var options = TLSScanOptions(connectionBudget: remaining, spacing: 0, handshakeTimeout: timeout)
        options.excludedGroups = Self.unprobedGroups
        let connection = ScanConnection(probe: self, timeout: timeout)
        return scanner.scan(serverName: host, options: options, connect: connection.open)
    }

    /// FFDHE6144 and FFDHE8192: a handshake with one costs both sides a tenth of a second or
    /// more of CPU (a host's seven ports would take seconds more), and they are never weak.
    static let unprobedGroups: Set<String> = ["FFDHE6144", "FFDHE8192"]

    /// Microseconds to wait before trying a rate-limited service again.
    var retryPause: UInt32 { UInt32(max(environment.budget.interval(for: address) * 4, 0.25) * 1_000_000) }

    private func attempt(retries: [String], connections: Int) -> ServiceObservation {
        var observation = ServiceObservation(host: host, service: service, address: address, connectedPort: port)
        observation.retries = retries
        observation.connections = connections
        guard environment.budget.take(address: address, port: port) else {
            observation.outcome = .budgetExhausted
            return observation
        }
        observation.connections += 1
        environment.trace.info(
            "Auditing \(service.scheme)://\(AuditTarget.subject(host: host, port: service.port)) at \(address) port \(port)"
        )
        do {
            let stream = try environment.open(address: address, port: port, name: host, service: service)
            defer { stream.close() }
            if service.implicitTLS { observation.tls = stream.tlsFacts }
            try dialog(stream, &observation)
        } catch let error as TLSError {
            observation.tls = error.facts ?? observation.tls
            observation.outcome = .handshakeFailed(error.message)
        } catch {
            observation.outcome = ServiceProbe.outcome(for: error)
            if case .unreachable(let why) = observation.outcome, observation.tls != nil {
                // It was reached: TLS is up, the mail protocol is what failed.
                observation.outcome = .protocolError("after the TLS handshake: \(why)")
            }
        }
        return observation
    }

    private func dialog(_ stream: ByteStream, _ observation: inout ServiceObservation) throws {
        let capture = PlaintextCapture()
        let upgrade = TLSUpgrade(policy: service.implicitTLS ? .never : .ifOffered) { [environment, host] stream in
            capture.take()
            return try environment.startTLS(stream, name: host)
        }
        let result: DialogResult
        switch service.mailProtocol {
        case .smtp:
            result = try ServiceDialog.smtp(stream, environment: environment, upgrade: upgrade, capture: capture)
        case .imap:
            result = try ServiceDialog.imap(stream, environment: environment, upgrade: upgrade, capture: capture)
        case .pop3:
            result = try ServiceDialog.pop3(stream, environment: environment, upgrade: upgrade, capture: capture)
        }
        if service.implicitTLS {
            observation.capabilitiesAfterTLS = result.capabilities
        } else if let facts = result.startTLSFacts {
            observation.tls = facts
            observation.capabilitiesBeforeTLS = capture.capabilities
            observation.plaintextLogin = capture.login
            observation.capabilitiesAfterTLS = result.capabilities
        } else {
            observation.capabilitiesBeforeTLS = result.capabilities
            observation.plaintextLogin = result.login
            observation.outcome = .starttlsNotOffered
        }
    }

    /// What an error before or around TLS means for the audit.
    static func outcome(for error: Error) -> ServiceObservation.Outcome {
        switch error {
        case let error as TransportError:
            return .unreachable(error.message)
        case let error as SMTPError:
            if case .rejected(let stage, let reply) = error.kind, reply.code == 421 || stage == .greeting {
                return .rateLimited(error.message)
            }
            return .protocolError(error.message)
        case let error as IMAPError:
            if error.kind == .badGreeting || error.kind == .serverClosing { return .rateLimited(error.message) }
            return .protocolError(error.message)
        case let error as POP3Error:
            if case .rejected(.greeting, _) = error.kind { return .rateLimited(error.message) }
            return .protocolError(error.message)
        case let error as TLSRequiredError:
            if error.message.contains(text: "reply 421") { return .rateLimited(error.message) }
            return .starttlsRefused(error.message)
        case let error as TLSError:
            return .handshakeFailed(error.message)
        default:
            return .protocolError("\(error)")
        }
    }
}

/// What the plaintext part of a STARTTLS dialog offered, taken just before the upgrade (the
/// session forgets it once TLS is up).
final class PlaintextCapture {
    /// Set by the dialog once its session exists: the session's capabilities and login offer.
    var snapshot: (() -> (capabilities: [String], login: PlaintextLogin))?
    private(set) var capabilities: [String]?
    private(set) var login: PlaintextLogin?

    func take() {
        guard let now = snapshot?() else { return }
        capabilities = now.capabilities
        login = now.login
    }
}

/// The end of a dialog: the capabilities as they stand (under TLS if it was established), the
/// login offered (plaintext sessions), and the STARTTLS handshake's facts.
struct DialogResult {
    var capabilities: [String]
    var login: PlaintextLogin?
    var startTLSFacts: TLSSessionFacts?
}
