/// One SASL authentication exchange, protocol-neutral: raw bytes in and out; base64 and the
/// command dialog belong to the protocol layer (`SASLBase64` helps). Cyrus runs PLAIN, LOGIN,
/// CRAM-MD5, DIGEST-MD5, SCRAM-* and EXTERNAL; OAUTHBEARER and XOAUTH2 are built in.
///
/// The driver's loop:
/// ```
/// let initial = try client.start(initialResponseAllowed: saslIR)  // nil: send the command alone
/// send AUTH <mechanism> [initial]
/// while the server sends a challenge c: send try client.step(c)
/// on the server's success: try client.finish()  // throws if the server never proved itself
/// ```
/// Not thread-safe, and Cyrus is not either: keep every exchange on one thread.
public final class SASLClient {
    public let mechanism: SASLMechanism
    /// The channel-binding type this exchange binds with (`-PLUS` mechanisms only), so that a
    /// refusal can name it (`ChannelBindingRefusal`).
    public let boundChannelType: String?
    private let engine: any SASLEngine
    private var started = false
    /// An initial response kept back for the server's first, empty challenge (no SASL-IR).
    private var pendingInitialResponse: [UInt8]?

    /// - Parameters:
    ///   - serverHost: the host name the user gave; DIGEST-MD5 and OAUTHBEARER put it in their
    ///     messages.
    ///   - serverPort: sent by OAUTHBEARER when known.
    ///   - channelBinding: used by the `-PLUS` mechanisms, which cannot run without it. The
    ///     others never see it, so they send the GS2 flag `n` and never `y`: `y` ("I could bind,
    ///     you seem not to") makes a server that offered `-PLUS` fail the login (RFC 5802
    ///     section 6), and an unbound SCRAM is chosen exactly when binding is in doubt.
    ///   - tlsProtected: the connection runs over TLS (Cyrus is told its strength). EXTERNAL runs
    ///     either way: it sends no secret, and its identity may come from TLS, the network or a
    ///     tunnel; it is used only when named, never chosen on its own.
    public init(
        mechanism: SASLMechanism, service: SASLService, serverHost: String, serverPort: Int? = nil,
        credentials: SASLCredentials, channelBinding: SASLChannelBinding? = nil,
        tlsProtected: Bool
    ) throws(SASLError) {
        self.mechanism = mechanism
        let channelBinding = mechanism.usesChannelBinding ? channelBinding : nil
        boundChannelType = channelBinding?.type
        if let obstacle = SASLMechanismChoice.obstacle(
            mechanism, credentials: credentials,
            channelBindingAvailable: channelBinding != nil)
        {
            throw SASLError(.mechanismNotUsable, "SASL mechanism \(mechanism) \(obstacle)")
        }
        switch mechanism {
        case .oauthBearer:
            engine = OAuthExchange(
                oauthBearerFor: credentials, token: credentials.bearerToken ?? "",
                host: serverHost, port: serverPort)
        case .xoauth2:
            engine = OAuthExchange(xoauth2For: credentials, token: credentials.bearerToken ?? "")
        default:
            engine = try CyrusExchange(
                mechanism: mechanism, service: service, serverHost: serverHost,
                credentials: credentials, channelBinding: channelBinding,
                tlsProtected: tlsProtected)
        }
    }

    /// Call once the server's mechanisms are known and before choosing: Cyrus then loads only the
    /// plugins that could be chosen (it otherwise loads every installed one, about 3 ms).
    public static func prepare(offered: [SASLMechanism], preference: SASLMechanismPreference) {
        switch preference {
        case .any: CyrusLibrary.restrictPlugins(to: Set(offered).intersection(SASLMechanismChoice.automaticOrder))
        case .only(let requested): CyrusLibrary.restrictPlugins(to: Set(requested))
        }
    }

    /// The mechanisms this build can run: Cyrus's installed plugins and the built-in ones.
    public static var availableMechanisms: Set<SASLMechanism> {
        CyrusLibrary.mechanisms.union([.oauthBearer, .xoauth2])
    }

    /// The initial response: nil when the mechanism has none (LOGIN, CRAM-MD5, DIGEST-MD5 wait
    /// for a challenge), possibly empty (EXTERNAL without an authorization identity), which the
    /// protocol sends as `=`. With `initialResponseAllowed` false (no SASL-IR) it returns nil and
    /// answers the server's first, empty challenge with the initial response instead.
    public func start(initialResponseAllowed: Bool = true) throws(SASLError) -> [UInt8]? {
        guard !started else { throw SASLError(.engine, "\(mechanism): exchange started twice") }
        started = true
        var initial = try engine.start()
        if initial == nil && initialResponseAllowed && mechanism == .login {
            // LOGIN's user name goes with the command when initial responses are on, as curl
            // sends it (its tests 826, 872); Cyrus's LOGIN answers the user name to whatever
            // first challenge it gets, so it is asked for it here.
            initial = try engine.step(Array("Username:".utf8))
        }
        guard let initial, !initialResponseAllowed else { return initial }
        pendingInitialResponse = initial
        return nil
    }

    /// The response to a server challenge (decoded bytes).
    public func step(_ challenge: [UInt8]) throws(SASLError) -> [UInt8] {
        guard started else { throw SASLError(.engine, "\(mechanism): challenge before the exchange started") }
        if let initial = pendingInitialResponse {
            // RFC 4422 §5: the server's go-ahead for a client-first mechanism. It should be
            // empty; its content carries nothing for the mechanism either way.
            pendingInitialResponse = nil
            return initial
        }
        return try engine.step(challenge)
    }

    /// The first message is ready and waits for the server's go-ahead (no initial response).
    public var awaitsGoAhead: Bool { started && pendingInitialResponse != nil }

    /// True when the client has said all it must and checked all the server had to prove.
    public var isComplete: Bool { started && pendingInitialResponse == nil && engine.isComplete }

    /// Call when the server reports success, with the success reply's additional data if the
    /// protocol carries one (RFC 4422 §5). Throws `serverAuthenticationFailed` when the server
    /// claims success before proving itself (SCRAM's `v=`, DIGEST-MD5's `rspauth`).
    public func finish(successData: [UInt8]? = nil) throws(SASLError) {
        if !isComplete, let successData, started, pendingInitialResponse == nil {
            _ = try engine.step(successData)
        }
        guard isComplete else {
            throw SASLError(
                .serverAuthenticationFailed,
                "\(mechanism): the server reported success before the exchange was complete")
        }
    }
}
