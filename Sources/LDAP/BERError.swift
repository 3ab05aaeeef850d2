import ExitCode

/// Bytes that are not the BER an LDAP peer must send (RFC 4511 section 5.1), or that exceed
/// an explicit limit (`BERLimits`). "Need more bytes" is not an error: see `BERHeader.parse`.
public struct BERError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Not BER: a high tag number, the indefinite length, a length longer than its
        /// element, an integer too long for its value, an element where another was expected
        /// (curl 8, WEIRD_SERVER_REPLY).
        case malformed
        /// An element longer than `BERLimits.maxMessageSize` (curl 8, WEIRD_SERVER_REPLY).
        case tooLarge
        /// Constructed elements nested deeper than `BERLimits.maxDepth` (curl 8,
        /// WEIRD_SERVER_REPLY).
        case tooDeep
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "Malformed LDAP message from the server: \(message)" }
}

extension BERError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .malformed, .tooLarge, .tooDeep: .weirdServerReply
        }
    }
}
