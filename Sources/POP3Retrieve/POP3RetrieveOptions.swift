import CLI
import MailCLI

/// pop3-retrieve's own options: the shared request/pull options, and curl's `-l` and `-I` for
/// POP3 URLs (`POP3URLRequest`).
public struct POP3RetrieveOptions: OptionGroup {
    public var download = MailboxDownloadOptions()
    /// `-l`: `LIST id` instead of `RETR id` (curl's `--list-only` for POP3).
    public var listOnly = false
    /// `-I`: no body is read for a command curl does not know (curl's `CURLOPT_NOBODY`).
    public var noBody = false

    public init() {}

    public static let specs: [OptionSpec] =
        MailboxDownloadOptions.specs + [
            OptionSpec("list-only", short: "l", help: "LIST the URL's message instead of retrieving it"),
            OptionSpec("head", short: "I", help: "Read no body after a custom command's answer"),
        ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        if try download.apply(option) { return true }
        switch option.name {
        case "list-only": listOnly = !option.negated
        case "head": noBody = !option.negated
        default: return false
        }
        return true
    }

    public func validate() throws(ToolError) {
        try download.validate()
        if download.isPulling && (listOnly || noBody) {
            throw ToolError.usage("-l and -I do not go with --maildir/--mbox")
        }
    }
}
