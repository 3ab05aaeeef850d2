/// The mail protocols the audit speaks (no credentials, ever).
public enum MailProtocol: String, Sendable, Equatable, Hashable, Encodable {
    case smtp, imap, pop3

    /// The upgrade command: `STARTTLS` (SMTP, IMAP), `STLS` (POP3).
    public var startTLSCommand: String { self == .pop3 ? "STLS" : "STARTTLS" }
}

/// One service on a port: a protocol, and whether TLS starts with the first byte (RFC 8314) or
/// after STARTTLS.
public struct AuditService: Sendable, Equatable, Hashable {
    public var mailProtocol: MailProtocol
    public var implicitTLS: Bool
    public var port: UInt16

    public init(_ mailProtocol: MailProtocol, implicitTLS: Bool, port: UInt16) {
        self.mailProtocol = mailProtocol
        self.implicitTLS = implicitTLS
        self.port = port
    }

    /// The URL scheme that reaches it: `smtp` (STARTTLS) or `smtps`, `imap`/`imaps`, `pop3`/`pop3s`.
    public var scheme: String { mailProtocol.rawValue + (implicitTLS ? "s" : "") }

    /// "STARTTLS" or "implicit TLS", for reports.
    public var mode: String { implicitTLS ? "implicit" : "starttls" }

    /// What `--host` audits (RFC 8314 section 3 and 7.3): SMTP relay 25, submission 587 and 465,
    /// IMAP 143 and 993, POP3 110 and 995.
    public static let standard: [AuditService] = [
        AuditService(.smtp, implicitTLS: false, port: 25),
        AuditService(.smtp, implicitTLS: false, port: 587),
        AuditService(.smtp, implicitTLS: true, port: 465),
        AuditService(.imap, implicitTLS: false, port: 143),
        AuditService(.imap, implicitTLS: true, port: 993),
        AuditService(.pop3, implicitTLS: false, port: 110),
        AuditService(.pop3, implicitTLS: true, port: 995),
    ]

    /// The service from a URL scheme; nil for a scheme the audit does not speak.
    public init?(scheme: String, port: UInt16?) {
        let lower = scheme.lowercased()
        let implicit = lower.hasSuffix("s")
        guard let mailProtocol = MailProtocol(rawValue: implicit ? String(lower.dropLast()) : lower) else {
            return nil
        }
        let defaults: [String: UInt16] = [
            "smtp": 25, "smtps": 465, "imap": 143, "imaps": 993, "pop3": 110, "pop3s": 995,
        ]
        self.init(mailProtocol, implicitTLS: implicit, port: port ?? defaults[lower] ?? 0)
    }

    /// For RFC 8314's check: the implicit-TLS service of the same protocol (587 → 465,
    /// 143 → 993, 110 → 995); nil for SMTP relay on 25, which has none.
    public var implicitCounterpart: AuditService? {
        guard !implicitTLS, port != 25 else { return nil }
        switch mailProtocol {
        case .smtp: return AuditService(.smtp, implicitTLS: true, port: 465)
        case .imap: return AuditService(.imap, implicitTLS: true, port: 993)
        case .pop3: return AuditService(.pop3, implicitTLS: true, port: 995)
        }
    }
}

/// One thing to audit: a service on a host, under the name that certificates must match (the
/// TCP connection may go elsewhere with `--connect-to`).
public struct AuditTarget: Sendable, Equatable {
    /// Why it is audited, which decides how bad "nothing listens there" is.
    public enum Origin: Sendable, Equatable {
        /// A URL on the command line: the user named this service.
        case url
        /// One of `--host`'s standard ports: a host need not offer them all.
        case standardPort
        /// An MX host of a domain (port 25).
        case mx(domain: String)
    }

    public var host: String
    public var service: AuditService
    public var origin: Origin

    public init(host: String, service: AuditService, origin: Origin) {
        self.host = host
        self.service = service
        self.origin = origin
    }

    /// `host:port` (IPv6 in brackets), the subject of the service's findings.
    public var subject: String { AuditTarget.subject(host: host, port: service.port) }

    public static func subject(host: String, port: UInt16) -> String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }
}
