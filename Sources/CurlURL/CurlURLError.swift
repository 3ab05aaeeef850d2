import ExitCode

/// Why a URL was refused. The CLI maps the kind to curl's exit code in one place.
public struct CurlURLError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The URL does not parse (curl 3, URL_MALFORMAT).
        case malformed
        /// The scheme is well-formed but the tool does not speak it (curl 1, UNSUPPORTED_PROTOCOL).
        case unsupportedScheme
    }

    public let kind: Kind
    /// curl's wording, e.g. `URL rejected: Bad hostname`.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    // curl's texts (curl_url_strerror), prefixed as curl prints them.
    static let malformedInput = CurlURLError(.malformed, "URL rejected: Malformed input to a URL function")
    static let badPort = CurlURLError(
        .malformed, "URL rejected: Port number was not a decimal number between 0 and 65535")
    static let noHost = CurlURLError(.malformed, "URL rejected: No host part in the URL")
    static let badHostname = CurlURLError(.malformed, "URL rejected: Bad hostname")
    static let badIPv6 = CurlURLError(.malformed, "URL rejected: Bad IPv6 address")
    static let badLogin = CurlURLError(.malformed, "URL rejected: Bad login part")
    static let noScheme = CurlURLError(.malformed, "URL rejected: No URL scheme given")
    static let badPercentEncoding = CurlURLError(.malformed, "URL rejected: Bad percent-encoding")

    static func unsupported(_ scheme: String) -> CurlURLError {
        CurlURLError(.unsupportedScheme, "Protocol \"\(scheme)\" not supported")
    }
}

extension CurlURLError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformed: .urlMalformat
        case .unsupportedScheme: .unsupportedProtocol
        }
    }
}
