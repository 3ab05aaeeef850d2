/// imap-fetch's own options: curl's `-o` and `-X`, and the mailbox pull (`--maildir`, `--mbox`).
public struct IMAPFetchOptions: OptionGroup {
    public var output: String?
    public var request: String?
    public var maildir: String?
    public var mbox: String?
    public var allMailboxes = false
    public var delete = false

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("output", short: "o", argument: "FILE", help: "Write the message to FILE (created only once complete)"),
        OptionSpec("request", short: "X", argument: "COMMAND", help: "Send a custom IMAP command and print its untagged output"),
        OptionSpec("maildir", argument: "DIR", help: "Pull every new message of the mailbox into the Maildir DIR"),
        OptionSpec("mbox", argument: "FILE", help: "Pull every new message of the mailbox into the mbox FILE"),
        OptionSpec("all-mailboxes", help: "With --maildir: pull every mailbox into a Maildir++ tree"),
        OptionSpec("delete", help: "With --maildir/--mbox: delete on the server what is durably saved"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "output": output = option.argument
        case "request": request = option.argument
        case "maildir": maildir = option.argument
        case "mbox": mbox = option.argument
        case "all-mailboxes": allMailboxes = !option.negated
        case "delete": delete = !option.negated
        default: return false
        }
        return true
    }
}
