import ExitCode

/// What an LDAP session itself can fail with; malformed BER is `BERError` (curl 8), transport
/// and TLS failures pass through unchanged. Codes follow curl's OpenLDAP backend.
public struct LDAPError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The server refused a bind: `invalidCredentials` is curl 67 (LOGIN_DENIED), any other
        /// result curl 38 (LDAP_CANNOT_BIND).
        case bindRefused(LDAPResult)
        /// A simple bind with a DN and an empty password, refused before it is sent: it is an
        /// unauthenticated bind (RFC 4513 section 5.1.2), which servers that allow it answer with
        /// success and an anonymous session (curl 67, LOGIN_DENIED: the login cannot succeed).
        case unauthenticatedBind
        /// The search ended with an error: `noSuchObject` is curl 78 (REMOTE_FILE_NOT_FOUND),
        /// a referral or any other result curl 39 (LDAP_SEARCH_FAILED).
        case searchFailed(LDAPResult)
        /// A well-formed message that answers nothing asked: a wrong message ID, a response of
        /// the wrong type (curl 8, WEIRD_SERVER_REPLY).
        case unexpectedResponse
        /// The server sent a Notice of Disconnection (RFC 4511 section 4.4.1) and closes the
        /// connection (curl 56, RECV_ERROR).
        case disconnected(LDAPResult)
        /// The connection closed while a response was due (curl 56, RECV_ERROR).
        case connectionClosed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension LDAPError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .bindRefused(let result): result.resultCode == .invalidCredentials ? .loginDenied : .ldapCannotBind
        case .searchFailed(let result): result.resultCode == .noSuchObject ? .remoteFileNotFound : .ldapSearchFailed
        case .unauthenticatedBind: .loginDenied
        case .unexpectedResponse: .weirdServerReply
        case .disconnected, .connectionClosed: .recvError
        }
    }
}
