import SASL
import TLS

/// Everything before the first credential leaves, once for every protocol: the plaintext rule
/// (DESIGN.md rule 3), then the mechanism choice, then the SASL exchange in the protocol's
/// dialect. A protocol's own login (IMAP LOGIN, POP3 USER/PASS) is its `fallback`, used when
/// the server lists no SASL mechanism.
public struct LoginPreamble {
    public let credentials: SASLCredentials
    public let preference: SASLMechanismPreference
    public let service: SASLService
    public let serverHost: String
    public let serverPort: Int
    public let channelBinding: SASLChannelBinding?

    public init(
        credentials: SASLCredentials, preference: SASLMechanismPreference, service: SASLService,
        serverHost: String, serverPort: Int, channelBinding: SASLChannelBinding?
    ) {
        self.credentials = credentials
        self.preference = preference
        self.service = service
        self.serverHost = serverHost
        self.serverPort = serverPort
        self.channelBinding = channelBinding
    }

    /// DESIGN.md rule 3: credentials never cross an unencrypted connection unless the user asked
    /// for plaintext (`--no-ssl`). `upgradeCommand` and `secureScheme` word the advice.
    public static func requirePrivacy(
        isSecure: Bool, allowPlaintext: Bool, upgradeCommand: String,
        secureScheme: String
    ) throws {
        guard isSecure || allowPlaintext else {
            throw TLSRequiredError(
                "refusing to send credentials over an unencrypted connection: the server offers no "
                    + "\(upgradeCommand) (use \(secureScheme)://, or --no-ssl to send them in plaintext anyway)")
        }
    }

    /// Chooses a mechanism among `offered` and runs the exchange over `dialect`; with nothing
    /// offered, runs `fallback`.
    /// - Parameter initialResponseAllowed: the server takes an initial response and the user
    ///   did not turn it off (`--sasl-ir`).
    public func authenticate(
        offered: [SASLMechanism], isSecure: Bool, initialResponseAllowed: Bool,
        dialect: SASLDialect, fallback: () throws -> Void
    ) throws {
        guard !offered.isEmpty else { return try fallback() }
        SASLClient.prepare(offered: offered, preference: preference)
        let mechanism = try SASLMechanismChoice.choose(
            offered: offered, preference: preference, credentials: credentials,
            channelBinding: channelBinding)
        let client = try SASLClient(
            mechanism: mechanism, service: service, serverHost: serverHost, serverPort: serverPort,
            credentials: mechanism == .external ? credentials.externalAsCurl : credentials,
            channelBinding: channelBinding, tlsProtected: isSecure)
        try SASLExchange.run(client, dialect: dialect, initialResponseAllowed: initialResponseAllowed)
    }
}

extension SASLCredentials {
    /// EXTERNAL's message is an authorization identity (RFC 4422 appendix A). curl's mail
    /// clients send the user name there (`imap://user;AUTH=EXTERNAL@host/`: act as `user`), or
    /// `--sasl-authzid`'s when given; no user name sends the empty one (act as whoever the
    /// external means proved).
    var externalAsCurl: SASLCredentials {
        guard (authorizationID ?? "").isEmpty, !user.isEmpty else { return self }
        var credentials = self
        credentials.authorizationID = user
        return credentials
    }
}
