import ExitCode

/// A SASL failure, with the distinctions curl's exit codes make. The CLI maps each kind to its
/// code in one place; the intended code is in each case's comment. Messages never hold a secret.
public struct SASLError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// None of the mechanisms the user asked for (`--login-options AUTH=…`) is offered by the
        /// server. curl 67 (LOGIN_DENIED): curl's "No known authentication mechanisms supported!".
        case mechanismNotOffered
        /// Automatic choice (`AUTH=*` or no option): nothing the server offers is built in and
        /// usable with the credentials given. curl 67 (LOGIN_DENIED), as curl.
        case noCommonMechanism
        /// The requested mechanism is offered and built in, but what it needs is missing: a
        /// password, a bearer token, channel-binding data (-PLUS).
        /// curl 67 (LOGIN_DENIED): curl chooses nothing and says so in the same words.
        case mechanismNotUsable
        /// The requested mechanism is not in this Cyrus build (or its plugin is not installed).
        /// curl 4 (NOT_BUILT_IN), the code for "a feature this build lacks"; curl itself ends
        /// with 67 for a mechanism compiled out of it, which hides the cause.
        case mechanismUnavailable
        /// Cyrus failed for a local reason: not initialised, out of memory, a bad parameter.
        /// curl 94 (AUTH_ERROR: "an authentication function returned an error").
        case engine
        /// The server failed mutual authentication: a wrong SCRAM `v=` or DIGEST-MD5 `rspauth`,
        /// or success announced before the server proved itself. curl 94 (AUTH_ERROR), not 67:
        /// the server did not refuse us, we refuse the server, and a script that retries with
        /// another password on 67 must not do so here.
        case serverAuthenticationFailed
        /// The server's challenge is not valid base64, is malformed for the mechanism, or
        /// arrives after the exchange is complete. curl 8 (WEIRD_SERVER_REPLY).
        case badChallenge
        /// A bad challenge was cancelled with `*` and the server then refused the login, as it
        /// should: curl 67 (LOGIN_DENIED), as curl (its tests 830, 876).
        case cancelledAndRefused
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension SASLError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .mechanismNotOffered, .noCommonMechanism, .mechanismNotUsable, .cancelledAndRefused: .loginDenied
        case .mechanismUnavailable: .notBuiltIn
        case .engine, .serverAuthenticationFailed: .authError
        case .badChallenge: .weirdServerReply
        }
    }
}
