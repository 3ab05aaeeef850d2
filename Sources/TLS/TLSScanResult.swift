/// Everything a scan of one service found, what it tried, and what it could not test: the
/// audit turns it into findings. Pure value; every key is always encoded (null when unknown).
public struct TLSScanResult: Sendable, Equatable, Encodable {
    /// One entry per version, newest first, whether probed or not.
    public var versions: [TLSVersionScan] = []
    /// One entry per accepted version whose suites were enumerated (or started to be).
    public var cipherSuites: [TLSSuiteScan] = []
    /// Key-exchange groups, probed under the newest accepted version.
    public var groups = TLSGroupScan()
    /// RFC 5746 renegotiation_info from a TLS 1.2 (or older) handshake; nil when none was made.
    public var secureRenegotiation: Bool?
    /// RFC 7627 extended master secret from a TLS 1.2 (or older) handshake; nil when none was made.
    public var extendedMasterSecret: Bool?
    public var connectionsUsed = 0
    public var connectionBudget = 0
    /// Why the scan ended early; nil when it ran to the end.
    public var stopped: TLSScanStop?
    /// Every connection made, in order: what it was for, what it offered, what came back.
    public var probes: [TLSProbeRecord] = []

    public init() {}

    /// The accepted versions, newest first.
    public var acceptedVersions: [TLSVersion] { versions.filter { $0.status == .accepted }.map(\.version) }

    private enum CodingKeys: String, CodingKey {
        case versions, cipherSuites, groups, secureRenegotiation, extendedMasterSecret, connectionsUsed,
            connectionBudget, stopped, probes
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(versions, forKey: .versions)
        try container.encode(cipherSuites, forKey: .cipherSuites)
        try container.encode(groups, forKey: .groups)
        try container.encode(secureRenegotiation, forKey: .secureRenegotiation)
        try container.encode(extendedMasterSecret, forKey: .extendedMasterSecret)
        try container.encode(connectionsUsed, forKey: .connectionsUsed)
        try container.encode(connectionBudget, forKey: .connectionBudget)
        try container.encode(stopped, forKey: .stopped)
        try container.encode(probes, forKey: .probes)
    }
}

/// Whether something was accepted, refused, or never asked (budget, unreachable, not wanted).
public enum TLSProbeStatus: String, Sendable, Equatable, Encodable {
    case accepted, refused, notTested
}

/// How a version is graded on its own (RFC 8996 deprecates TLS 1.0 and 1.1).
public enum TLSVersionGrade: String, Sendable, Equatable, Encodable {
    case ok, insufficient

    public init(_ version: TLSVersion) {
        self = version < .tls1_2 ? .insufficient : .ok
    }
}

public struct TLSVersionScan: Sendable, Equatable, Encodable {
    public var version: TLSVersion
    public var status: TLSProbeStatus
    public var grade: TLSVersionGrade
    /// The refusal as the library saw it; nil unless refused.
    public var reason: String?

    public init(version: TLSVersion, status: TLSProbeStatus, reason: String? = nil) {
        self.version = version
        self.status = status
        self.grade = TLSVersionGrade(version)
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case version, status, grade, reason }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(status, forKey: .status)
        try container.encode(grade, forKey: .grade)
        try container.encode(reason, forKey: .reason)
    }
}

/// Whether the server picks by its own preference when the client offers the same suites in
/// two orders.
public enum TLSServerOrder: String, Sendable, Equatable, Encodable {
    /// The same suite both times: the server enforces its order.
    case server
    /// The client's first choice both times.
    case client
    /// Fewer than two suites to compare, no budget left, or an answer that fits neither.
    case unknown
}

/// The suites of one version: accepted in the order they were found (the first is the
/// server's pick from everything), refused, and not tested.
public struct TLSSuiteScan: Sendable, Equatable, Encodable {
    public var version: TLSVersion
    public var accepted: [TLSCipherSuite] = []
    public var refused: [TLSCipherSuite] = []
    public var notTested: [TLSCipherSuite] = []
    public var serverOrder = TLSServerOrder.unknown

    public init(version: TLSVersion) { self.version = version }

    /// Every suite the scanner could offer was either accepted or refused.
    public var isComplete: Bool { notTested.isEmpty }

    private enum CodingKeys: String, CodingKey { case version, accepted, refused, notTested, serverOrder, complete }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(accepted, forKey: .accepted)
        try container.encode(refused, forKey: .refused)
        try container.encode(notTested, forKey: .notTested)
        try container.encode(serverOrder, forKey: .serverOrder)
        try container.encode(isComplete, forKey: .complete)
    }
}

/// Key-exchange groups ("X25519", "SECP256R1", "FFDHE2048"), probed under `version`.
public struct TLSGroupScan: Sendable, Equatable, Encodable {
    public var version: TLSVersion?
    public var accepted: [String] = []
    public var refused: [String] = []
    public var notTested: [String] = []

    public init() {}

    private enum CodingKeys: String, CodingKey { case version, accepted, refused, notTested }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(accepted, forKey: .accepted)
        try container.encode(refused, forKey: .refused)
        try container.encode(notTested, forKey: .notTested)
    }
}

/// Why a scan ended before its end.
public struct TLSScanStop: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Equatable, Encodable {
        /// The caller's connection budget was used up.
        case budgetExhausted
        /// A connection was refused, the greeting was `421`, or the server stopped answering:
        /// the server is rate limiting or gone, which says nothing about its TLS.
        case unreachableOrRateLimited
        /// The TLS library could not set up the scan (no connection was made).
        case localFailure
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}

/// One connection of a scan.
public struct TLSProbeRecord: Sendable, Equatable, Encodable {
    /// "version", "suites", "order", "groups".
    public var purpose: String
    public var offer: TLSProbeOffer
    public var status: TLSProbeStatus
    /// The handshake's result when accepted.
    public var accepted: TLSHandshakeSummary?
    /// The refusal, or why no handshake happened.
    public var reason: String?

    public init(
        purpose: String, offer: TLSProbeOffer, status: TLSProbeStatus, accepted: TLSHandshakeSummary?, reason: String?
    ) {
        self.purpose = purpose
        self.offer = offer
        self.status = status
        self.accepted = accepted
        self.reason = reason
    }
}
