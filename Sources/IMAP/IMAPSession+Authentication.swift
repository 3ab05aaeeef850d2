import LineProtocol
import SASL

extension IMAPSession {
    /// Logs in: SASL (AUTHENTICATE) when the server lists mechanisms, else LOGIN. Credentials
    /// never cross an unencrypted connection unless the user asked (`allowPlaintext`).
    public func authenticate(
        credentials: SASLCredentials, preference: SASLMechanismPreference, serverHost: String,
        serverPort: Int, allowPlaintext: Bool, initialResponse: Bool = true,
        channelBinding: SASLChannelBinding? = nil
    ) throws {
        guard !isAuthenticated else { return }
        try LoginPreamble.requirePrivacy(
            isSecure: isSecure, allowPlaintext: allowPlaintext, upgradeCommand: "STARTTLS",
            secureScheme: "imaps")
        let login = LoginPreamble(
            credentials: credentials, preference: preference, service: .imap, serverHost: serverHost,
            serverPort: serverPort, channelBinding: channelBinding)
        capabilitiesFromCompletion = false
        try login.authenticate(
            offered: SASLMechanism.list(capabilities.authMechanisms), isSecure: isSecure,
            initialResponseAllowed: initialResponse && capabilities.saslIR,
            dialect: IMAPAuthDialect(session: self)
        ) {
            // curl's rule: LOGIN only when the server lists no SASL mechanism and none was asked for.
            guard preference == .any, !capabilities.loginDisabled, let password = credentials.password else {
                throw SASLError(
                    .noCommonMechanism, "the server offers no SASL mechanism and LOGIN is not possible here")
            }
            try run(try .login(user: Array(credentials.user.utf8), password: Array(password.utf8)))
        }
        isAuthenticated = true
        // A server may change its capabilities after login; unless the OK said them, they are
        // asked when a later step needs one (`currentCapabilities`), as curl asks nothing.
        capabilitiesStale = !capabilitiesFromCompletion
    }
}
