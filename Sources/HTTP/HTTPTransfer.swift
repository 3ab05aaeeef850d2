import CurlURL
import Transport

/// What the http tool asks for: curl's HTTP options, already parsed.
public struct HTTPTransferOptions: Sendable {
    /// `-X`: the method on the request line of every request, redirects included (as curl
    /// documents). Framing still follows the method curl would use otherwise.
    public var customMethod: String?
    /// `-I`: HEAD, no body.
    public var headOnly: Bool
    /// `-H` arguments, parsed with `HTTPCustomHeader.parse`.
    public var headers: [HTTPCustomHeader]
    /// `-d` or `-T`.
    public var body: HTTPRequestBody?
    /// `-A`; nil sends no User-Agent.
    public var userAgent: String?
    /// `-u`; when nil, the URL's userinfo (if any) is used. Sent to the first URL's origin only.
    public var credentials: HTTPCredentials?
    /// `-L`.
    public var followRedirects: Bool
    /// `--max-redirs`; nil or a negative value means no limit (curl's -1). curl's default is 50.
    public var maxRedirects: Int?
    /// `-f`: a final status of 400 or more fails with `.httpStatus` and no body is read.
    public var failOnError: Bool

    public init(
        customMethod: String? = nil, headOnly: Bool = false, headers: [HTTPCustomHeader] = [],
        body: HTTPRequestBody? = nil, userAgent: String?, credentials: HTTPCredentials? = nil,
        followRedirects: Bool = false, maxRedirects: Int? = 50, failOnError: Bool = false
    ) {
        self.customMethod = customMethod
        self.headOnly = headOnly
        self.headers = headers
        self.body = body
        self.userAgent = userAgent
        self.credentials = credentials
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.failOnError = failOnError
    }
}

/// How a transfer ended.
public struct HTTPTransferResult: Sendable {
    /// The URL of the last request (after redirects).
    public var url: CurlURL
    /// The last response head.
    public var head: HTTPResponseHead
    public var redirectCount: Int
    /// Body bytes handed to the sink.
    public var bodyByteCount: Int64
}

public enum HTTPTransfer {
    /// Schemes a redirect may lead to; others fail with `CurlURLError(.unsupportedScheme)`.
    public static let redirectSchemes: Set<String> = ["http", "https"]

    /// Performs one curl-style HTTP transfer: a request, and with `followRedirects` the requests
    /// its redirects lead to, each on a new connection that is closed after its response.
    ///
    /// - Parameters:
    ///   - connect: opens TCP (and TLS for https) to the URL's host and effective port.
    ///   - onHead: gets each final response head in order (redirect responses included), for
    ///     `-i`/`-I` output; not called for the response that `failOnError` rejects.
    ///   - onBody: gets the last response's body in bounded pieces.
    /// - Throws: `HTTPError`, `CurlURLError` for a bad or non-HTTP `Location`, `TransportError`,
    ///   and whatever `connect`, `onHead` and `onBody` throw.
    public static func run(
        url: CurlURL, options: HTTPTransferOptions, trace: Trace,
        connect: (CurlURL) throws -> ByteStream,
        onHead: (HTTPResponseHead) throws -> Void,
        onBody: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> HTTPTransferResult {
        let authorization =
            (options.credentials
            ?? url.user.map {
                HTTPCredentials(user: $0, password: url.password ?? "")
            })?.basicAuthorization
        var current = url
        var method = options.headOnly ? "HEAD" : (options.body?.defaultMethod ?? "GET")
        var body = options.body
        var redirects = 0

        while true {
            let sameOrigin = current.hasSameOrigin(as: url)
            let upload = try body.map { try UploadSource($0) }
            if redirects > 0, let upload, !upload.isReplayable {
                throw HTTPError(.rewindFailed, "necessary data rewind wasn't possible")
            }
            let requestMethod = options.customMethod ?? method
            let head = try HTTPRequestHead(
                method: requestMethod, url: current, userAgent: options.userAgent,
                authorization: sameOrigin ? authorization : nil,
                customHeaders: sameOrigin
                    ? options.headers : options.headers.filter { !HTTPRedirect.isOriginBound($0) },
                bodyLength: upload?.length ?? .none, contentType: upload?.contentType)

            let stream = try connect(current)
            defer { stream.close() }
            try HTTPExchange.send(head, body: upload, on: stream, trace: trace)
            let response = try HTTPExchange.readResponseHead(from: stream, trace: trace)

            if options.followRedirects, HTTPRedirect.isFollowed(response.status), let location = response.location {
                if let limit = options.maxRedirects, limit >= 0, redirects >= limit {
                    throw HTTPError(.tooManyRedirects, "Maximum (\(limit)) redirects followed")
                }
                try onHead(response)
                let next = try current.resolving(location, supportedSchemes: redirectSchemes)
                trace.info("Ignoring the response-body")
                trace.info("Issue another request to this URL: '\(next)'")
                if !HTTPRedirect.keepsMethod(status: response.status, method: method) {
                    method = "GET"
                    body = nil
                }
                current = next
                redirects += 1
                continue
            }
            if options.failOnError && response.status >= 400 {
                throw HTTPError(.httpStatus(response.status), "The requested URL returned error: \(response.status)")
            }
            try onHead(response)
            let framing = try HTTPBodyFraming(requestMethod: requestMethod, head: response)
            let count = try HTTPExchange.readBody(framing, from: stream, sink: onBody)
            return HTTPTransferResult(url: current, head: response, redirectCount: redirects, bodyByteCount: count)
        }
    }
}
