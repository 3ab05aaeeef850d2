/// What fetching `https://mta-sts.<domain>/.well-known/mta-sts.txt` gave (RFC 8461 3.3): the
/// body when the server answered as the RFC requires, else why not.
public struct DomainPolicyFetch: Sendable, Equatable {
    public enum Failure: String, Sendable, Equatable {
        /// TCP could not connect, or the TLS handshake failed.
        case connection
        /// The policy host's certificate did not verify (RFC 8460 `sts-webpki-invalid`).
        case certificate
        /// A status other than 200 (and not a redirect).
        case status
        /// A 3xx: RFC 8461 3.3 forbids following redirects.
        case redirect
        /// Not `text/plain`.
        case contentType = "content-type"
        /// Over `STSPolicy.maximumSize` (64 KiB).
        case tooLarge = "too-large"
        /// Not HTTP as RFC 9112 frames it, or a body cut short.
        case protocolError = "protocol"
        /// The fetch did not finish within its time bound.
        case timeout
    }

    public var url: String
    public var status: Int?
    /// The Content-Type field as sent (server text: escape before printing).
    public var contentType: String?
    /// The Location field of a redirect.
    public var location: String?
    /// The policy bytes; nil unless the fetch succeeded.
    public var body: [UInt8]?
    public var failure: Failure?
    /// What went wrong, in words (the HTTP or TLS layer's message).
    public var message: String?

    public init(
        url: String, status: Int? = nil, contentType: String? = nil, location: String? = nil, body: [UInt8]? = nil,
        failure: Failure? = nil, message: String? = nil
    ) {
        self.url = url
        self.status = status
        self.contentType = contentType
        self.location = location
        self.body = body
        self.failure = failure
        self.message = message
    }

    /// `sts-webpki-invalid` for a certificate failure, `sts-policy-fetch-error` for the others.
    public var resultType: DomainResultType? {
        guard let failure else { return nil }
        return failure == .certificate ? .stsWebPKIInvalid : .stsPolicyFetchError
    }
}
