import CLI

/// What imap-fetch and pop3-retrieve share: curl's `-o` and `-X` for one request, or the
/// mailbox pull into a Maildir or mbox, with `--delete` for what is durably saved.
public struct MailboxDownloadOptions: OptionGroup {
    public var output: String?
    public var request: String?
    public var maildir: String?
    public var mbox: String?
    public var delete = false

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec(
            "output", short: "o", argument: "FILE", help: "Write the message to FILE (created only once complete)"),
        OptionSpec("request", short: "X", argument: "COMMAND", help: "Send a custom command and print its answer"),
        OptionSpec("maildir", argument: "DIR", help: "Save every message not yet saved into the Maildir DIR"),
        OptionSpec("mbox", argument: "FILE", help: "Save every message not yet saved into the mbox FILE"),
        OptionSpec("delete", help: "With --maildir/--mbox: delete on the server what is durably saved"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "output": output = option.argument
        case "request": request = option.argument
        case "maildir": maildir = option.argument
        case "mbox": mbox = option.argument
        case "delete": delete = !option.negated
        default: return false
        }
        return true
    }

    /// Saving into a Maildir or mbox rather than carrying out the URL as curl would.
    public var isPulling: Bool { maildir != nil || mbox != nil }

    /// Combinations that mean nothing are usage errors (exit 2), found before connecting.
    public func validate() throws(ToolError) {
        if maildir != nil && mbox != nil { throw ToolError.usage("--maildir and --mbox exclude each other") }
        if delete && !isPulling { throw ToolError.usage("--delete needs --maildir or --mbox") }
        if isPulling && (output != nil || request != nil) {
            throw ToolError.usage("-o and -X do not go with --maildir/--mbox")
        }
    }
}
