import CLI

/// curl's options for what `smtp-send` does besides sending a message: `-X` names a command
/// (VRFY, EXPN, HELP, NOOP, RSET...), `-o` where its answer goes.
public struct SMTPRequestOptions: OptionGroup {
    public var request: String?
    public var output: String?
    /// curl's `-I` for SMTP: the command is sent, its answer is not written.
    public var head = false

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec(
            "request", short: "X", argument: "COMMAND",
            help: "Send COMMAND (with each --mail-rcpt as argument) instead of a message; print the answer"),
        OptionSpec("output", short: "o", argument: "FILE", help: "Write the server's answer to FILE instead of stdout"),
        OptionSpec("head", short: "I", help: "Write nothing to stdout: a command's answer or the final reply"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "request": request = option.argument
        case "output": output = option.argument
        case "head": head = !option.negated
        default: return false
        }
        return true
    }
}

/// `smtp-send`'s own option groups together, for `MailToolOptions.parse`.
struct SMTPSendArguments: OptionGroup {
    var smtp = SMTPSendOptions()
    var request = SMTPRequestOptions()
    var composition = MessageCompositionOptions()

    static let specs = SMTPSendOptions.specs + SMTPRequestOptions.specs + MessageCompositionOptions.specs

    mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        if try smtp.apply(option) { return true }
        if try request.apply(option) { return true }
        return try composition.apply(option)
    }

    /// curl's choice: a command (VRFY, HELP, `-X`) when no message is given. Unlike curl, a
    /// message is read from stdin when `--mail-from` is given without `-T` (this tool's older
    /// contract), so a command needs neither `-T`, `-F`, `-t` nor `--mail-from`.
    /// - Throws: usage (2) for `-X` together with a message.
    func sendsCommand() throws(ToolError) -> Bool {
        let message =
            smtp.uploadFile != nil || smtp.readRecipients || !composition.forms.isEmpty
        if request.request != nil {
            guard !message else { throw ToolError.usage("-X sends a command, not a message: drop -T, -F or -t") }
            return true
        }
        return !message && smtp.mailFrom == nil
    }
}
