import Codec

/// A command that is not a mail transaction (RFC 5321 section 4.1.1.6-4.1.1.9, curl's
/// "SMTP based command"): what `smtp-send` sends when no message is given. As curl decides it:
/// `VRFY <rcpt>` for each `--mail-rcpt`, `<verb> <rcpt>` with `-X verb`, else `-X verb` alone,
/// else `HELP`. Every line is checked here, so no argument can carry a line break.
public struct SMTPRequest: Equatable, Sendable {
    //  vrfy = "VRFY" SP String [SP "SMTPUTF8"] CRLF      (RFC 5321 4.1.1.6, RFC 6531 3.1)
    //  expn = "EXPN" SP String [SP "SMTPUTF8"] CRLF
    //  help = "HELP" [ SP String ] CRLF
    //  noop = "NOOP" [ SP String ] CRLF
    /// The verb (`VRFY`, `-X`'s word as given, `HELP`).
    public let verb: String
    /// The argument per command: one per `--mail-rcpt`, or one nil when there is none.
    public let arguments: [String?]
    /// Recipient-based commands also accept 553 (RFC 5321 3.5.3, "ambiguous"), as curl does.
    public var isRecipientBased: Bool { arguments.contains { $0 != nil } }

    /// - Parameters:
    ///   - custom: `-X`'s value, already percent-decoded; nil or empty for curl's default.
    ///   - recipients: the `--mail-rcpt` arguments, as given.
    /// - Throws: `SMTPError(.badAddress)` (curl 3) for a control character or space in the verb,
    ///   a control character in an argument, or a VRFY argument that is not an address.
    public init(custom: String?, recipients: [String]) throws {
        let custom = custom.flatMap { $0.isEmpty ? nil : $0 }
        if let custom, custom.utf8.contains(where: { $0.isControl || $0 == .space }) {
            throw SMTPError(.badAddress, "Invalid -X command \"\(printable(custom, limit: 200))\"")
        }
        verb = custom ?? (recipients.isEmpty ? "HELP" : "VRFY")
        if recipients.isEmpty {
            arguments = [nil]
        } else if custom == nil {
            // VRFY's argument is the address without angle brackets, as curl sends it.
            arguments = try recipients.map { try Mailbox(argument: $0).address }
        } else {
            arguments = try recipients.map { argument in
                guard !argument.utf8.contains(where: { $0.isControl }) else {
                    throw SMTPError(.badAddress, "Invalid --mail-rcpt \"\(printable(argument, limit: 200))\"")
                }
                return argument
            }
        }
    }

    /// The command lines, without CR LF. `SMTPUTF8` is added where RFC 6531 asks for it (a
    /// non-ASCII VRFY argument; any EXPN) when the server offers it.
    /// - Throws: `SMTPError(.needsSMTPUTF8)` (curl 55) for a non-ASCII argument to a server
    ///   without SMTPUTF8: it could not understand it.
    public func commandLines(serverHasSMTPUTF8: Bool) throws -> [String] {
        try arguments.map { argument in
            guard let argument else { return verb }
            let ascii = argument.utf8.allSatisfy { $0 < 0x80 }
            if !ascii && !serverHasSMTPUTF8 {
                throw SMTPError(
                    .needsSMTPUTF8,
                    "\"\(printable(argument, limit: 200))\" is not ASCII and the server does not offer SMTPUTF8")
            }
            let utf8 = serverHasSMTPUTF8 && (verb.uppercased() == "EXPN" || (verb == "VRFY" && !ascii))
            return verb + " " + argument + (utf8 ? " SMTPUTF8" : "")
        }
    }

    /// Whether `reply` answers the command successfully: 2yz, or 553 for a recipient-based
    /// command (an ambiguous name: the reply lists the candidates).
    public func accepts(_ reply: SMTPReply) -> Bool {
        reply.isPositiveCompletion || (isRecipientBased && reply.code == 553)
    }
}
