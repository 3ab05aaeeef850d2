import SASL
import Transport

/// SASL in POP3's words (RFC 5034): `AUTH mech [initial]`, `+ base64` challenges, `+OK`.
struct POP3AuthDialect: SASLDialect {
    let session: POP3Session
    /// An initial response too long for the AUTH line (RFC 5034: 255 octets): it is sent as the
    /// answer to the server's first, empty challenge instead.
    private final class Deferred { var response: [UInt8]? }
    private let deferred = Deferred()

    init(session: POP3Session) { self.session = session }

    func sendAuthenticate(mechanism: SASLMechanism, initialResponse: [UInt8]?) throws {
        var inline = initialResponse
        if let initialResponse, !POP3Command.initialResponseFits(mechanism, initialResponse) {
            deferred.response = initialResponse
            inline = nil
        }
        try session.core.ensureNoUnsolicitedInput()
        try session.send(.auth(mechanism, initialResponse: inline))
        try session.stream.flush()
    }

    func readStep() throws -> SASLServerStep {
        var response = try session.readResponse(allowsContinuation: true)
        // The deferred initial response answers the first, empty challenge: once, no recursion.
        if response.status == .continuation, let initial = deferred.response {
            deferred.response = nil
            try sendResponse(initial)
            response = try session.readResponse(allowsContinuation: true)
        }
        switch response.status {
        case .continuation: return .challenge(try SASLBase64.decodeChallenge(response.textString))
        case .ok: return .success(additionalData: nil)
        case .err: throw POP3Error.rejected(.auth, response)
        }
    }

    func sendResponse(_ response: [UInt8]) throws {
        try session.core.ensureNoUnsolicitedInput()
        try session.core.send(SASLBase64.encodeResponse(response), display: "<redacted>")
        try session.core.flush()
    }

    func cancel() throws -> Bool {
        try session.core.send("*")
        try session.core.flush()
        return !(try session.readResponse().isOK)
    }
}
