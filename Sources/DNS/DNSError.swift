import ExitCode

/// A DNS lookup that did not give an answer to judge: the resolver could not be set up, the
/// lookup failed locally, or it did not finish in time. An answer that says "no such name",
/// "no data", SERVFAIL or "bogus" is not an error: it is a `DNSAnswer` the audit reports on.
public struct DNSError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A configuration libunbound refused: a bad `--resolver` address, an unreadable or
        /// malformed `--trust-anchor` file, a missing root anchor. curl 2 (FAILED_INIT).
        case setup
        /// The name is not a valid domain name (empty label, label over 63 bytes, over 253
        /// characters). curl 3 (URL_MALFORMAT), as curl for a bad host name.
        case invalidName
        /// libunbound failed to resolve (no forwarder reachable, out of memory, a socket error).
        /// curl 6 (COULDNT_RESOLVE_HOST).
        case lookup
        /// The lookup did not finish within its time bound. curl 28 (OPERATION_TIMEDOUT).
        case timeout
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension DNSError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .setup: .failedInit
        case .invalidName: .urlMalformat
        case .lookup: .couldntResolveHost
        case .timeout: .operationTimedOut
        }
    }
}
