import CLI
import MailCLI

/// imap-fetch's own options: the shared request/pull options, `--all-mailboxes`, and `-T` (APPEND).
public struct IMAPFetchOptions: OptionGroup {
    public var download = MailboxDownloadOptions()
    public var allMailboxes = false
    public var uploadFile: String?

    public init() {}

    public static let specs: [OptionSpec] =
        MailboxDownloadOptions.specs + [
            OptionSpec("all-mailboxes", help: "With --maildir: pull every mailbox into a Maildir++ tree"),
            OptionSpec(
                "upload-file", short: "T", argument: "FILE",
                help: "Upload FILE (- for stdin) into the URL's mailbox with APPEND"),
        ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        if try download.apply(option) { return true }
        switch option.name {
        case "all-mailboxes": allMailboxes = !option.negated
        case "upload-file": uploadFile = option.argument
        default: return false
        }
        return true
    }

    public func validate() throws(ToolError) {
        try download.validate()
        if allMailboxes && download.maildir == nil { throw ToolError.usage("--all-mailboxes needs --maildir") }
        if uploadFile != nil && (download.isPulling || download.request != nil || download.output != nil) {
            throw ToolError.usage("-T uploads one message: it does not go with -X, -o, --maildir or --mbox")
        }
    }
}
