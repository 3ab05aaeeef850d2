import SASL

/// SASL in LDAP (RFC 4513 section 5.2): each step is a BindRequest with the mechanism and
/// credentials; `saslBindInProgress` carries a challenge, `success` the outcome with optional
/// additional data. LDAP has no base64 and always takes an initial response.
public struct LDAPSASLDialect: SASLDialect {
    let session: LDAPSession
    /// The mechanism of the exchange under way, repeated in every step.
    private let mechanism: SASLMechanism
    private let pendingID: PendingID

    /// The message ID of the bind step awaiting its response.
    private final class PendingID { var value: Int64 = 0 }

    public init(session: LDAPSession, mechanism: SASLMechanism) {
        self.session = session
        self.mechanism = mechanism
        self.pendingID = PendingID()
    }

    public func sendAuthenticate(mechanism: SASLMechanism, initialResponse: [UInt8]?) throws {
        pendingID.value = try session.send(
            .saslBind(name: "", mechanism: mechanism.name, credentials: initialResponse),
            display: "BindRequest SASL \(mechanism.name)" + (initialResponse == nil ? "" : " <credentials redacted>"))
    }

    //  BindResponse: saslBindInProgress (14) with serverSaslCreds is a challenge,
    //  success (0) ends the exchange, anything else refuses it.
    public func readStep() throws -> SASLServerStep {
        guard case .bind(let result, let credentials) = try session.receive(for: pendingID.value).response else {
            throw LDAPError(.unexpectedResponse, "LDAP server answered a SASL bind with another response type")
        }
        switch result.resultCode {
        case .saslBindInProgress: return .challenge(credentials ?? [])
        case .success: return .success(additionalData: credentials)
        default: throw LDAPSession.bindError(result)
        }
    }

    public func sendResponse(_ response: [UInt8]) throws {
        try sendAuthenticate(mechanism: mechanism, initialResponse: response)
    }

    /// RFC 4513 section 5.2.1.2: a bind of another kind aborts the exchange; an anonymous
    /// simple bind leaves the connection anonymous.
    public func cancel() throws -> Bool {
        let id = try session.send(.simpleBind(name: "", password: []), display: "BindRequest anonymous (abort SASL)")
        _ = try session.receive(for: id)
        return false
    }
}

extension LDAPSession {
    /// A SASL bind with `client` (EXTERNAL: the TLS client certificate is the identity).
    public func bind(sasl client: SASLClient) throws {
        try SASLExchange.run(
            client, dialect: LDAPSASLDialect(session: self, mechanism: client.mechanism), initialResponseAllowed: true)
    }
}
