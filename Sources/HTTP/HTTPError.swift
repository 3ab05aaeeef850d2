import ExitCode

/// Everything the HTTP layer itself can fail with. Transport failures (`TransportError`), URL
/// failures (`CurlURLError`, e.g. a malformed `Location`) and errors thrown by the caller's
/// `connect` and body sink pass through unchanged.
///
/// The CLI maps kinds to curl exit codes; the intended code is on each case.
public struct HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The server's bytes are not HTTP/1.x as RFC 9112 frames it: bad status line, header
        /// field or chunk, a head over its limits, conflicting Content-Length (curl 8, WEIRD_SERVER_REPLY).
        case malformedResponse
        /// The connection closed before any byte of a response (curl 52, GOT_NOTHING).
        case emptyReply
        /// `failOnError` (`-f`) and a final status of 400 or more (curl 22, HTTP_RETURNED_ERROR).
        case httpStatus(Int)
        /// More redirects than `maxRedirects` (curl 47, TOO_MANY_REDIRECTS).
        case tooManyRedirects
        /// The body ended before its Content-Length or last chunk (curl 18, PARTIAL_FILE).
        case partialBody
        /// The upload file could not be opened or read (curl 26, READ_ERROR).
        case uploadRead
        /// A 307/308 redirect needs the body again but it came from a stream (stdin) that
        /// cannot be re-read (curl 65, SEND_FAIL_REWIND).
        case rewindFailed
        /// A request method or header (`-X`, `-H`) holds CR, LF or NUL, or a method is not a
        /// token: sending it would split the request (curl 43, BAD_FUNCTION_ARGUMENT).
        case badRequestArgument
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func malformed(_ message: String) -> HTTPError { HTTPError(.malformedResponse, message) }
}

extension HTTPError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformedResponse: .weirdServerReply
        case .emptyReply: .gotNothing
        case .httpStatus: .httpReturnedError
        case .tooManyRedirects: .tooManyRedirects
        case .partialBody: .partialFile
        case .uploadRead: .readError
        case .rewindFailed: .sendFailRewind
        case .badRequestArgument: .badFunctionArgument
        }
    }
}
