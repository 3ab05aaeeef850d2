/// Where a response body ends (RFC 9112 section 6.3), decided before reading any of it.
enum HTTPBodyFraming: Sendable, Equatable {
    /// No body: a HEAD request, a 1xx, 204 or 304 status.
    case none
    /// Exactly this many bytes.
    case contentLength(Int64)
    /// Transfer-Encoding chunked; see `ChunkedDecoder`.
    case chunked
    /// Everything until the server closes the connection.
    case untilClose

    /// Rules 1, 3, 4, 5 and 7 of RFC 9112 6.3 (rule 2, CONNECT, is never sent).
    /// Transfer-Encoding wins over Content-Length (rule 3); a Transfer-Encoding whose final
    /// coding is not chunked is read until close. Applied to HTTP/1.0 responses too: each
    /// connection carries one exchange, so no smuggling can follow a misframed body.
    /// - Throws: `.malformedResponse` from the Content-Length and Transfer-Encoding accessors.
    init(requestMethod: String, head: HTTPResponseHead) throws {
        if requestMethod == "HEAD" || head.status < 200 || head.status == 204 || head.status == 304 {
            self = .none
        } else if !head.transferCodings.isEmpty {
            self = try head.isChunked() ? .chunked : .untilClose
        } else if let length = try head.contentLength() {
            self = .contentLength(length)
        } else {
            self = .untilClose
        }
    }
}
