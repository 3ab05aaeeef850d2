import ExitCode

/// What only sendmail mode can fail with.
public struct SendmailModeError: CurlCodeError, Equatable {
    public enum Kind: Equatable, Sendable {
        /// No server to send to: no URL (or `--url`) before the sendmail options and no default
        /// account (curl 2, FAILED_INIT; sysexits 78, EX_CONFIG).
        case noServer
        /// Some recipients were refused and the message went to the others: sendmail mode
        /// reports it as msmtp reports any refused recipient, as a failure (curl 55,
        /// SEND_ERROR; sysexits 69, EX_UNAVAILABLE: a retry would duplicate the delivered copies).
        case partialDelivery
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public var curlCode: CurlCode {
        switch kind {
        case .noServer: .failedInit
        case .partialDelivery: .sendError
        }
    }

    var status: Sysexit {
        switch kind {
        case .noServer: .configuration
        case .partialDelivery: .unavailable
        }
    }
}
