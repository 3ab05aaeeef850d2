import CLI

/// curl's SMTP options, plus sendmail's `-t`, the From header sendmail adds, and the queue.
public struct SMTPSendOptions: OptionGroup {
    public var mailFrom: String?
    public var mailRecipients: [String] = []
    public var mailAuth: String?
    public var allowRecipientFailures = false
    public var readRecipients = false
    public var uploadFile: String?
    /// `--add-from`: add `From:` with the envelope sender when the message has none.
    public var addFrom = false
    /// `--from-name NAME` (sendmail's `-F`): the display name in that added From.
    public var fromName: String?
    /// `--queue DIR`: keep a message that failed for a temporary reason there.
    public var queue: String?
    public var flushQueue = false

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
        OptionSpec("add-from", help: "Add From: with the envelope sender when the message has none"),
        OptionSpec(
            "from-name", argument: "NAME", help: "Full name in an added From: (sendmail -F); implies --add-from"),
        OptionSpec(
            "queue", argument: "DIR",
            help: "Keep a message that fails for a temporary reason (4xx, timeout, no connection) in DIR"),
        OptionSpec("flush-queue", help: "Send what --queue DIR holds, one connection per destination"),
        OptionSpec("sendmail", help: "sendmail mode: sendmail's options and exit codes (also when run as sendmail)"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "mail-from": mailFrom = option.argument
        case "mail-rcpt": mailRecipients.append(option.argument)
        case "mail-auth": mailAuth = option.argument
        case "mail-rcpt-allowfails": allowRecipientFailures = !option.negated
        case "read-recipients": readRecipients = !option.negated
        case "upload-file": uploadFile = option.argument
        case "add-from": addFrom = !option.negated
        case "from-name":
            fromName = option.argument
            addFrom = true
        case "queue": queue = option.argument
        case "flush-queue": flushQueue = !option.negated
        case "sendmail": break  // taken by the sendmail translation before parsing
        default: return false
        }
        return true
    }
}
