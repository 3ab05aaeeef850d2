/// How a client may send a literal in a command (RFC 3501 4.3, RFC 7888); see
/// `IMAPCapabilities.literalMode`.
public enum IMAPLiteralMode: Equatable, Sendable {
    /// `{n}`: send the line up to the announcement, wait for the server's `+`, then the bytes.
    case synchronizing
    /// LITERAL+: `{n+}` and the bytes right away, any size.
    case nonSynchronizing
    /// LITERAL-: `{n+}` right away up to 4,096 bytes, synchronizing above.
    case nonSynchronizingUpTo4096
}
