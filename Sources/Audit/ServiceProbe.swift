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
/// STARTTLS strictly one command per reply, capabilities again under TLS, QUIT) and, for a
/// STARTTLS service, one for the command-injection test. A 421 is tried once more after a
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
        observation.milliseconds = Int((Deadline.now() - started) / 1_000_000)
        return observation
    }

    /// Microseconds to wait before trying a rate-limited service again.
    var retryPause: UInt32 { UInt32(max(environment.budget.interval * 4, 0.25) * 1_000_000) }

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
            let stream = try environment.open(
                address: address, port: port, name: host, implicitTLS: service.implicitTLS)
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
