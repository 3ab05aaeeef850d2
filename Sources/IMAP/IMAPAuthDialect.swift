import SASL
import Transport

/// SASL in IMAP's words (RFC 3501 section 6.2.2, RFC 4959): `AUTHENTICATE mech [initial]`,
/// `+ <base64>` challenges, the tagged OK on success.
struct IMAPAuthDialect: SASLDialect {
    let session: IMAPSession
    private final class TagBox { var tag = "" }
    private let box = TagBox()

    init(session: IMAPSession) { self.session = session }

    func sendAuthenticate(mechanism: SASLMechanism, initialResponse: [UInt8]?) throws {
        box.tag = try session.send(.authenticate(mechanism: mechanism.name, initialResponse: initialResponse))
    }

    /// Untagged responses between steps are skipped, a bounded number of them (a loop, not
    /// recursion: a server may send them without end).
    func readStep() throws -> SASLServerStep {
        var skipped = 0
        while true {
            let received = try session.reader.read()
            switch received.response {
            case .continuation(let request):
                return .challenge(try SASLBase64.decodeChallenge(String(decoding: request.text, as: UTF8.self)))
            case .tagged(let tagged) where tagged.tag == box.tag:
                guard tagged.status == .ok else { throw IMAPError.rejected(.authenticate, tagged) }
                session.noteCompletion(tagged)
                return .success(additionalData: nil)
            case .untagged:
                try session.countStatusResponse(&skipped)
            default:
                throw IMAPError(.unexpectedResponse, "Unexpected response during AUTHENTICATE")
            }
        }
    }

    func sendResponse(_ response: [UInt8]) throws {
        try session.stream.writeLine(SASLBase64.encodeResponse(response), display: "<redacted>", trace: session.trace)
        try session.stream.flush()
    }

    func cancel() throws -> Bool {
        try session.stream.writeLine("*", trace: session.trace)
        try session.stream.flush()
        do {
            _ = try session.complete(box.tag, stage: .authenticate)
            return false
        } catch let error as IMAPError {
            if case .rejected = error.kind { return true }
            throw error
        }
    }
}
