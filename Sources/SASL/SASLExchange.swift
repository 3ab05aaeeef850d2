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
            switch try dialect.readStep() {
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
                    try? dialect.cancel()
                    throw error
                }
            }
        }
    }
}
