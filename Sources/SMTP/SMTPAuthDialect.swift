import SASL
import Transport

/// SASL in SMTP's words (RFC 4954): `AUTH mech [initial]`, `334 <base64>` challenges, `235` on
/// success. Everything sent is traced redacted.
struct SMTPAuthDialect: SASLDialect {
    let session: SMTPSession

    func sendAuthenticate(mechanism: SASLMechanism, initialResponse: [UInt8]?) throws {
        try session.core.ensureNoUnsolicitedInput()
        let command = "AUTH \(mechanism)" + (initialResponse.map { " " + SASLBase64.encodeInitialResponse($0) } ?? "")
        try session.send(command, display: initialResponse == nil ? nil : "AUTH \(mechanism) <redacted>")
        try session.flush()
    }

    func readStep() throws -> SASLServerStep {
        let reply = try session.readReply()
        switch reply.code {
        case 334:
            return .challenge(try SASLBase64.decodeChallenge(reply.lines.first ?? ""))
        case 235:
            return .success(additionalData: nil)
        default:
            throw SMTPError.rejected(.auth, reply)
        }
    }

    func sendResponse(_ response: [UInt8]) throws {
        try session.core.ensureNoUnsolicitedInput()
        try session.send(SASLBase64.encodeResponse(response), display: "<redacted>")
        try session.flush()
    }

    func cancel() throws -> Bool {
        try session.send("*")
        try session.flush()
        return try session.readReply().code >= 400
    }
}
