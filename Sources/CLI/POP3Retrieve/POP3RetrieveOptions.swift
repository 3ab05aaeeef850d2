/// pop3-retrieve's own options: curl's `-o` and `-X`, and the maildrop retrieval.
public struct POP3RetrieveOptions: OptionGroup {
    public var output: String?
    public var request: String?
    public var maildir: String?
    public var mbox: String?
    public var delete = false

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("output", short: "o", argument: "FILE", help: "Write the message to FILE (created only once complete)"),
        OptionSpec("request", short: "X", argument: "COMMAND", help: "Send a custom POP3 command (e.g. UIDL, TOP 1 0) and print its answer"),
        OptionSpec("maildir", argument: "DIR", help: "Retrieve every message not yet saved into the Maildir DIR"),
        OptionSpec("mbox", argument: "FILE", help: "Retrieve every message not yet saved into the mbox FILE"),
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
}
