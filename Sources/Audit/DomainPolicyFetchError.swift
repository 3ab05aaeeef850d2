import ExitCode

/// Why the MTA-STS policy fetch stopped before its body was accepted: thrown from inside the
/// HTTP transfer's callbacks and caught by `DomainPolicyFetcher`, which reports it as a
/// `DomainPolicyFetch` failure (RFC 8460 `sts-policy-fetch-error`).
struct DomainPolicyFetchError: Error, CurlCodeError {
    let kind: DomainPolicyFetch.Failure
    let message: String

    init(_ kind: DomainPolicyFetch.Failure, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var description: String { message }

    var curlCode: CurlCode {
        switch kind {
        case .status: .httpReturnedError
        case .redirect: .tooManyRedirects
        case .contentType, .tooLarge, .protocolError: .weirdServerReply
        case .certificate: .peerFailedVerification
        case .connection: .couldntConnect
        case .timeout: .operationTimedOut
        }
    }
}
