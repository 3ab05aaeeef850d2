import ExitCode

/// What went wrong below the protocols. The CLI layer maps each kind to curl's exit code
/// (6, 7, 28, 55, 56), so the kinds follow curl's distinctions rather than errno's.
public struct TransportError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Name resolution failed (curl 6).
        case resolve
        /// Every address refused or was unreachable (curl 7).
        case connect
        /// A deadline passed: connect timeout or max time (curl 28).
        case timeout
        /// Writing failed (curl 55).
        case send
        /// Reading failed or the peer closed mid-transfer (curl 56).
        case receive
        /// SIGINT arrived (`Interruption`): exit 130, as a shell reports a Ctrl-C.
        case interrupted
    }

    public let kind: Kind
    public let message: String
    /// The resolver said to try again later (EAI_AGAIN: no answer from the name server, as when
    /// the network is down), as opposed to "no such host". sendmail mode queues the first.
    public let isTemporary: Bool

    public init(_ kind: Kind, _ message: String, isTemporary: Bool = false) {
        self.kind = kind
        self.message = message
        self.isTemporary = isTemporary
    }

    public var description: String { message }
}

extension TransportError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .resolve: .couldntResolveHost
        case .connect: .couldntConnect
        case .timeout: .operationTimedOut
        case .send: .sendError
        case .receive: .recvError
        case .interrupted: .interrupted
        }
    }
}
