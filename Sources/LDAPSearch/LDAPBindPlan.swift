import CLI
import LDAP
import MailCLI
import SASL
import TLS

/// How `ldap-search` binds, decided before connecting: anonymously (no bind request: LDAPv3
/// allows operations without one), simple with `-u DN:PASSWORD`, or SASL with
/// `--login-options AUTH=<mechanism>` (EXTERNAL: the `--cert` client certificate).
///
/// DESIGN.md rule 3 for LDAP: a password or SASL credentials cross only over TLS (ldaps://,
/// or ldap:// after StartTLS). On ldap:// the user asks for plaintext with `--no-ssl` (then
/// StartTLS is not tried at all); a refused StartTLS under `--ssl` then stops before the bind.
struct LDAPBindPlan {
    enum Method {
        case anonymous
        case simple(name: String, password: String)
        case sasl(SASLMechanism, SASLCredentials)
    }

    let method: Method
    let host: String
    let port: Int
    let allowPlaintext: Bool

    init(setup: MailSessionSetup, authorizationID: String?) throws {
        host = setup.url.host
        port = setup.port
        allowPlaintext = setup.allowPlaintextCredentials
        let credentials = setup.credentials
        switch setup.preference {
        case .only(let mechanisms):
            let who = credentials ?? SASLCredentials(user: "", authorizationID: authorizationID)
            // LDAP servers list their mechanisms only in the root DSE: the user's list is taken
            // as offered, and the server's answer to the bind decides.
            let mechanism = try SASLMechanismChoice.choose(
                offered: mechanisms, preference: setup.preference, credentials: who, channelBinding: nil)
            method = .sasl(mechanism, who)
        case .any:
            if let credentials, let password = credentials.password {
                // Refused before connecting, not after StartTLS.
                try LDAPSession.checkSimpleBind(name: credentials.user, password: password)
                method = .simple(name: credentials.user, password: password)
            } else {
                method = .anonymous
            }
        }
    }

    func run(on session: LDAPSession) throws {
        switch method {
        case .anonymous:
            return
        case .simple(let name, let password):
            try requirePrivacy(session)
            try session.bind(name: name, password: password)
        case .sasl(let mechanism, let credentials):
            if mechanism != .external { try requirePrivacy(session) }
            let client = try SASLClient(
                mechanism: mechanism, service: .ldap, serverHost: host, serverPort: port,
                credentials: credentials, tlsProtected: session.isSecure)
            try session.bind(sasl: client)
        }
    }

    private func requirePrivacy(_ session: LDAPSession) throws {
        guard session.isSecure || allowPlaintext else {
            throw TLSRequiredError(
                "refusing to send bind credentials over an unencrypted connection: the server refused StartTLS "
                    + "(use ldaps://, or --no-ssl to bind in plaintext anyway)")
        }
    }
}
