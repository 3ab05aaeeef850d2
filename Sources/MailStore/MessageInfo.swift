/// What a store needs to know about a message besides its bytes, given before they arrive.
public struct MessageInfo: Sendable, Equatable {
    /// Maildir: no flags goes to `new/`, any flag to `cur/` with the `:2,` info. Not kept in
    /// an mbox (its readers keep flags in `Status:` headers, which are the message's).
    public var flags: MessageFlags
    /// Seconds since 1970 UTC (the server's arrival date): the Maildir file's modification time and
    /// the mbox `From ` line's date. Nil: now.
    public var internalDate: Int64?
    /// The envelope sender for the mbox `From ` line, when the caller knows it; else the
    /// message's `Return-Path` is used, else `MAILER-DAEMON`.
    public var envelopeSender: String?
    /// The caller's name for the message (the server's unique id for it), handed back in
    /// `SavedMessage` so the caller knows what a commit saved.
    public var key: String?

    public init(flags: MessageFlags = [], internalDate: Int64? = nil, envelopeSender: String? = nil, key: String? = nil)
    {
        self.flags = flags
        self.internalDate = internalDate
        self.envelopeSender = envelopeSender
        self.key = key
    }
}

/// A message a commit made durable and visible.
public struct SavedMessage: Sendable, Equatable {
    /// `MessageInfo.key`.
    public let key: String?
    /// Maildir: the file's path in `new/` or `cur/`. Mbox: the mbox's path.
    public let path: String
    /// Bytes on disk (after line-ending conversion and, in an mbox, quoting and separator).
    public let byteCount: Int64
}
