import ExitCode

/// Runs one SASL exchange over any protocol's dialect: curl's `Curl_sasl_continue` loop, once
/// for SMTP, IMAP and POP3.
public enum SASLExchange {
    /// Challenges beyond this many are a misbehaving server, not a mechanism (SCRAM needs two).
    public static let maxRounds = 16

    /// - Parameter initialResponseAllowed: the server takes an initial response with the command
    ///   (SMTP always, IMAP with SASL-IR, POP3 with SASL in CAPA) and the user did not turn it off.
    public static func run(_ client: SASLClient, dialect: SASLDialect, initialResponseAllowed: Bool) throws {
        let initial = try client.start(initialResponseAllowed: initialResponseAllowed)
        try dialect.sendAuthenticate(mechanism: client.mechanism, initialResponse: initial)
        var rounds = 0
        while true {
            let step: SASLServerStep
            do {
                step = try readStep(dialect, client)
            } catch let error as SASLError where error.kind == .badChallenge && client.awaitsGoAhead {
                // The go-ahead for a client-first mechanism's first message carries nothing for
                // it (RFC 4422 section 5), so text that is not base64 there ("334 PLAIN
                // supported", curl's test server) is ignored, as curl ignores it.
                step = .challenge([])
            } catch let error as SASLError {
                // A challenge that cannot be decoded: the exchange cannot go on, so it is cancelled
                // with `*` (RFC 4954 4, RFC 3501 6.2.2, RFC 5034 4) before the error is reported.
                throw cancelled(error, dialect)
            }
            switch step {
            case .success(let data):
                try client.finish(successData: data)
                return
            case .challenge(let challenge):
                rounds += 1
                do {
                    guard rounds <= maxRounds else {
                        throw SASLError(.badChallenge, "the server sent more than \(maxRounds) SASL challenges")
                    }
                    try dialect.sendResponse(try client.step(challenge))
                } catch let error as SASLError {
                    // Leave the protocol in a clean state before reporting why we gave up.
                    throw cancelled(error, dialect)
                }
            }
        }
    }

    /// Cancels the exchange and says why it ended. A challenge the client could not answer that
    /// the server then refuses ends as a denied login (curl 67, as curl's tests 830 and 876
    /// expect); a server that failed to prove itself keeps its own error, whatever follows.
    private static func cancelled(_ error: SASLError, _ dialect: SASLDialect) -> Error {
        let refused = (try? dialect.cancel()) ?? false
        guard refused, error.kind == .badChallenge else { return error }
        return SASLError(.cancelledAndRefused, error.message + " (exchange cancelled; the server refused the login)")
    }

    /// The server's next step. A refusal (a denied login, curl 67) of a `-PLUS` exchange may be
    /// a refusal of the binding type: it says so, keeping the protocol's error (and its exit
    /// code) inside. Transport failures and malformed replies pass through as they are.
    private static func readStep(_ dialect: SASLDialect, _ client: SASLClient) throws -> SASLServerStep {
        do {
            return try dialect.readStep()
        } catch let error as any CurlCodeError where error.curlCode == .loginDenied && !(error is SASLError) {
            guard let type = client.boundChannelType else { throw error }
            throw ChannelBindingRefusal(refusal: error, mechanism: client.mechanism, bindingType: type)
        }
    }
}
