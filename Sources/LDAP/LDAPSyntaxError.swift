import ExitCode

/// An LDAP URL or search filter the user gave that does not parse (RFC 4516, RFC 4515).
/// Nothing has been sent when it is thrown.
public struct LDAPSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The URL's DN, attributes, scope or extensions (curl 3, URL_MALFORMAT).
        case url
        /// The filter (curl 3, URL_MALFORMAT, as curl's LDAP_INVALID_URL maps to it).
        case filter
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String {
        switch kind {
        case .url: "Bad LDAP URL: \(message)"
        case .filter: "Bad LDAP search filter: \(message)"
        }
    }
}

extension LDAPSyntaxError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .url, .filter: .urlMalformat
        }
    }
}
