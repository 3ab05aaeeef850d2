/// A custom command from `-X/--request`, as curl handles it (`lib/imap.c`): percent-decoded,
/// split at the first space into the command word and its parameters, sent as given, and the
/// untagged responses that belong to it are the output.
public struct IMAPCustomRequest: Equatable, Sendable {
    /// The first word: `UID`, `EXAMINE`, `STORE`...
    public let command: String
    /// Everything after the first word, without the space after it; may be empty.
    public let parameters: String

    /// - Throws: `IMAPError(.unsendableArgument)` for an empty request or one holding a control
    ///   character after percent-decoding (CR LF would end the command and start another; curl
    ///   refuses them too).
    public init(_ request: String) throws(IMAPError) {
        let bytes: [UInt8]
        do {
            bytes = try IMAPURLRequest.percentDecoded(request, what: "custom request")
        } catch {
            throw IMAPError(
                .unsendableArgument,
                "The custom request cannot be sent: it contains a control character (CR, LF, NUL...)")
        }
        guard let first = bytes.first, first != .space else {
            throw IMAPError(.unsendableArgument, "The custom request is empty or starts with a space")
        }
        let space = bytes.firstIndex(of: .space) ?? bytes.count
        command = String(decoding: bytes[..<space], as: UTF8.self)
        parameters = space < bytes.count ? String(decoding: bytes[(space + 1)...], as: UTF8.self) : ""
    }

    /// The command line without tag: `UID FETCH 1 BODY[]`.
    public var line: String { parameters.isEmpty ? command : command + " " + parameters }

    /// Whether an untagged response is part of the command's output, by curl's rule: its name
    /// (after `* ` and an optional number) is the command word; or the command is STORE and it
    /// is a FETCH; or the command is one of SELECT, EXAMINE, SEARCH, EXPUNGE, LSUB, UID,
    /// GETQUOTAROOT and NOOP, whose output is every untagged response. Tagged responses and
    /// continuation requests are never output.
    public func shows(_ frame: IMAPResponseFrame) -> Bool {
        guard let line = frame.lines.first, line.count >= 2, line[0] == .asterisk, line[1] == .space else {
            return false
        }
        let upper = command.uppercased()
        if ["SELECT", "EXAMINE", "SEARCH", "EXPUNGE", "LSUB", "UID", "GETQUOTAROOT", "NOOP"].contains(upper) {
            return true
        }
        var rest = line.dropFirst(2)
        if rest.first?.isASCIIDigit == true {
            rest = rest.drop(while: \.isASCIIDigit)
            guard rest.first == .space else { return false }
            rest = rest.dropFirst()
        }
        let word = rest.prefix(while: { $0 != .space })
        return word.equalsIgnoringCase(upper) || (upper == "STORE" && word.equalsIgnoringCase("FETCH"))
    }
}
