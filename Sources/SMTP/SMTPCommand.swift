import Codec

/// Command lines of the mail transaction, without their CR LF (the session appends it and
/// traces the line). Every argument is a checked value, so no command can carry a line break.
public enum SMTPCommand {
    //  ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
    /// - Throws: `SMTPError(.badAddress)` when `domain` (the URL path: curl's
    ///   `smtp://host/ehlo-name`, percent-decoded) is empty or has a space or control character.
    public static func ehlo(_ domain: String) throws -> String {
        "EHLO " + (try checkedDomain(domain))
    }

    //  helo = "HELO" SP Domain CRLF
    public static func helo(_ domain: String) throws -> String {
        "HELO " + (try checkedDomain(domain))
    }

    //  mail            = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
    //  Mail-parameters = esmtp-param *(SP esmtp-param)
    //  size-param      = "SIZE=" 1*20DIGIT                           (RFC 1870)
    //  body-param      = "BODY=" ( "7BIT" / "8BITMIME" )            (RFC 6152)
    //  utf8-param      = "SMTPUTF8"                                   (RFC 6531)
    //  auth-param      = "AUTH=" xtext  ; xtext of "<" mailbox ">" or "<>"  (RFC 4954 5)
    /// `MAIL FROM:<a@b> SIZE=n BODY=8BITMIME SMTPUTF8 AUTH=<c@d>`, each parameter present only
    /// when `parameters` asks for it.
    public static func mailFrom(_ sender: Mailbox, _ parameters: MailParameters = MailParameters()) -> String {
        var line = "MAIL FROM:" + sender.path
        if let size = parameters.size { line += " SIZE=\(size)" }
        if parameters.eightBitMIME { line += " BODY=8BITMIME" }
        if parameters.smtpUTF8 { line += " SMTPUTF8" }
        if let auth = parameters.auth { line += " AUTH=" + XText.encode(auth.path) }
        return line
    }

    //  rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path )
    //         [SP Rcpt-parameters] CRLF
    /// - Precondition: `recipient` is not the null path (`Mailbox(argument:)` refuses it for
    ///   recipients unless asked to allow it).
    public static func rcptTo(_ recipient: Mailbox) -> String {
        precondition(!recipient.isNull, "RCPT TO needs an address")
        return "RCPT TO:" + recipient.path
    }

    private static func checkedDomain(_ domain: String) throws -> String {
        guard !domain.isEmpty, !domain.utf8.contains(where: { $0.isControl || $0 == .space }) else {
            throw SMTPError(.badAddress, "Invalid EHLO domain \"\(printable(domain, limit: 200))\"")
        }
        return domain
    }
}
