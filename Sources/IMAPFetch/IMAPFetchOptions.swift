import CLI
import MailCLI

/// imap-fetch's own options: the shared request/pull options, and `--all-mailboxes`.
public struct IMAPFetchOptions: OptionGroup {
    public var download = MailboxDownloadOptions()
    public var allMailboxes = false

    public init() {}

    public static let specs: [OptionSpec] =
        MailboxDownloadOptions.specs + [
            OptionSpec("all-mailboxes", help: "With --maildir: pull every mailbox into a Maildir++ tree")
        ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        if try download.apply(option) { return true }
        guard option.name == "all-mailboxes" else { return false }
        allMailboxes = !option.negated
        return true
    }

    public func validate() throws(ToolError) {
        try download.validate()
        if allMailboxes && download.maildir == nil { throw ToolError.usage("--all-mailboxes needs --maildir") }
    }
}
