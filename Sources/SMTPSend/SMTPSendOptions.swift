import CLI

/// curl's SMTP options, plus sendmail's `-t`.
public struct SMTPSendOptions: OptionGroup {
    public var mailFrom: String?
    public var mailRecipients: [String] = []
    public var mailAuth: String?
    public var allowRecipientFailures = false
    public var readRecipients = false
    public var uploadFile: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("mail-from", argument: "ADDRESS", help: "Envelope sender (MAIL FROM); <> for none"),
        OptionSpec("mail-rcpt", argument: "ADDRESS", help: "Envelope recipient (RCPT TO); repeat for several"),
        OptionSpec("mail-auth", argument: "ADDRESS", help: "Original sender for MAIL FROM's AUTH= parameter"),
        OptionSpec("mail-rcpt-allowfails", help: "Send to the accepted recipients even when some are refused"),
        OptionSpec(
            "read-recipients", short: "t",
            help: "Take recipients from To/Cc/Bcc (and the sender from From); Bcc is removed"),
        OptionSpec("upload-file", short: "T", argument: "FILE", help: "The message to send (- or none: stdin)"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "mail-from": mailFrom = option.argument
        case "mail-rcpt": mailRecipients.append(option.argument)
        case "mail-auth": mailAuth = option.argument
        case "mail-rcpt-allowfails": allowRecipientFailures = !option.negated
        case "read-recipients": readRecipients = !option.negated
        case "upload-file": uploadFile = option.argument
        default: return false
        }
        return true
    }
}
