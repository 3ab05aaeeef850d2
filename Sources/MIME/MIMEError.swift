import ExitCode

/// What composing a MIME message can fail with, before or while the message is sent.
public struct MIMEError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A `-F` argument that does not follow curl's syntax, an unknown encoder, a `=)` with
        /// no open multipart, a header field that is not `Name: value` (curl 2, FAILED_INIT:
        /// curl refuses its own bad arguments before starting). Nothing has been sent.
        case badArgument
        /// A part declared `7bit` holds an 8-bit byte, a NUL or a line over 998 bytes (curl 26,
        /// READ_ERROR, as curl's 7bit encoder reports it). The transfer is abandoned before the
        /// end of DATA, so nothing is delivered.
        case notSevenBit
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension MIMEError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .badArgument: .failedInit
        case .notSevenBit: .readError
        }
    }
}
