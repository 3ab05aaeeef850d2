/// Who a message is from and for: `--mail-from`, `--mail-rcpt`, `--mail-auth`.
public struct SMTPEnvelope: Sendable, Equatable {
    public var sender: Mailbox
    public var recipients: [Mailbox]
    /// `--mail-auth`: the `AUTH=` parameter of MAIL FROM (RFC 4954), sent once authenticated.
    public var auth: Mailbox?
    /// `--mail-rcpt-allowfails`: go on when some (not all) recipients are refused.
    public var allowRecipientFailures: Bool

    public init(sender: Mailbox, recipients: [Mailbox], auth: Mailbox? = nil, allowRecipientFailures: Bool = false) {
        self.sender = sender
        self.recipients = recipients
        self.auth = auth
        self.allowRecipientFailures = allowRecipientFailures
    }
}
