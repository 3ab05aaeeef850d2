/// What the server said in the middle of an authentication exchange.
public enum SASLServerStep: Equatable {
    /// A challenge (decoded): SMTP `334`, IMAP and POP3 `+`.
    case challenge([UInt8])
    /// Success, with additional data when the protocol carries some (RFC 4422 section 5).
    case success(additionalData: [UInt8]?)
}

/// One protocol's wording of a SASL exchange. The dialect traces what it sends with secrets
/// redacted and throws the protocol's own error (curl 67) when the server refuses.
public protocol SASLDialect {
    /// `AUTH <mechanism> [initial]` (SMTP, POP3) or `tag AUTHENTICATE <mechanism> [initial]` (IMAP).
    func sendAuthenticate(mechanism: SASLMechanism, initialResponse: [UInt8]?) throws
    /// Reads the server's next step; throws the protocol's refusal error on failure.
    func readStep() throws -> SASLServerStep
    /// Sends a response to a challenge.
    func sendResponse(_ response: [UInt8]) throws
    /// Aborts the exchange (`*`) and reads the server's reply to that; returns whether the reply
    /// refused the login, as it should (the exchange then ended as a denied login, curl 67).
    func cancel() throws -> Bool
}
