import ExitCode

/// A server's refusal of a `-PLUS` exchange, which may be a refusal of the channel-binding type
/// rather than of the password: a server that does not implement the type we bound with (see
/// `SASLChannelBinding.isMandatoryForServers`) answers with its usual failure, e.g. Cyrus's
/// `NO bad protocol / cancel`. The message names the type and what to try; the exit code stays
/// the refusal's own (curl 67 for a rejected AUTH). Nothing is retried: a refusal does not tell
/// a binding type from a wrong password, and a second attempt could be a second failed login.
public struct ChannelBindingRefusal: CurlCodeError {
    /// The protocol's own error for the refusal (IMAP NO, POP3 -ERR, SMTP 535 …).
    public let refusal: any Error
    public let mechanism: SASLMechanism
    /// The channel-binding type sent (`tls-exporter`, `tls-unique`).
    public let bindingType: String

    public init(refusal: any Error, mechanism: SASLMechanism, bindingType: String) {
        self.refusal = refusal
        self.mechanism = mechanism
        self.bindingType = bindingType
    }

    /// The refusal's own code (67 for a rejected login); a refusal that is not a coded error
    /// cannot come from a dialect, but would still be a denied login.
    public var curlCode: CurlCode { (refusal as? any CurlCodeError)?.curlCode ?? .loginDenied }

    public var description: String {
        let unbound = mechanism.name.hasSuffix("-PLUS") ? String(mechanism.name.dropLast(5)) : mechanism.name
        let tls12 = bindingType == "tls-unique" ? "" : ", or TLS 1.2 (--tls-max 1.2), where the type is tls-unique"
        return "\(refusal) (\(mechanism) bound the login to this TLS connection with channel-binding type "
            + "\(bindingType), which the server may not support: try AUTH=\(unbound)\(tls12))"
    }
}
