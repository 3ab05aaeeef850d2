import ExitCode

/// A queue entry that cannot be read as one: it is left where it is, reported, and the flush
/// goes on with the others.
public struct QueueEntryError: CurlCodeError, Equatable {
    public enum Kind: Equatable, Sendable {
        /// Not in the documented format (curl 26, READ_ERROR: the upload cannot be read).
        case malformed
        /// Written by a newer version of this program (curl 26, READ_ERROR).
        case newerVersion
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
        case .malformed, .newerVersion: .readError
        }
    }
}
