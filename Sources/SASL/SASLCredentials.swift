/// Who authenticates, and with what. Printing a value never shows the password or token.
public struct SASLCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Authentication identity: the user of `-u user:password`.
    public var user: String
    /// Nil when there is none (not even an empty one); password mechanisms then are not usable.
    public var password: String?
    /// Authorization identity (`--sasl-authzid`): act as this user. Nil or empty: act as `user`.
    public var authorizationID: String?
    /// OAuth 2.0 bearer token (`--oauth2-bearer`), for OAUTHBEARER and XOAUTH2.
    public var bearerToken: String?

    public init(user: String, password: String? = nil, authorizationID: String? = nil, bearerToken: String? = nil) {
        self.user = user
        self.password = password
        self.authorizationID = authorizationID
        self.bearerToken = bearerToken
    }

    /// The authorization identity to send, nil when it would only repeat the default.
    var effectiveAuthorizationID: String? {
        guard let authorizationID, !authorizationID.isEmpty else { return nil }
        return authorizationID
    }

    public var description: String {
        "SASLCredentials(user: \(user), password: \(password == nil ? "none" : "<redacted>"), "
            + "authorizationID: \(authorizationID ?? "none"), bearerToken: \(bearerToken == nil ? "none" : "<redacted>"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
