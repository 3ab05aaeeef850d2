/// Untagged server data (RFC 3501 sections 7.1 to 7.4, RFC 5161, RFC 2971).
//  response-data   = "*" SP (resp-cond-state / resp-cond-bye /
//                    mailbox-data / message-data / capability-data) CRLF
//  greeting        = "*" SP (resp-cond-auth / resp-cond-bye) CRLF
//  resp-cond-auth  = ("OK" / "PREAUTH") SP resp-text
//  resp-cond-bye   = "BYE" SP resp-text
public enum IMAPUntaggedResponse: Equatable, Sendable {
    /// `* OK`, `* NO`, `* BAD`, `* PREAUTH` or `* BYE` with its text and code.
    case condition(IMAPResponseStatus, IMAPResponseText)
    /// `* CAPABILITY ...`
    case capability(IMAPCapabilities)
    /// `* ENABLED ...` (RFC 5161): the extensions now enabled, upper case.
    case enabled([String])
    /// `* ID (...)` (RFC 2971); nil for `* ID NIL`.
    case id([IMAPIDParameter]?)
    /// `* FLAGS (...)`: the flags defined in the selected mailbox.
    case flags([IMAPFlag])
    /// `* LIST ...` or `* LSUB ...`.
    case list(IMAPListEntry)
    case lsub(IMAPListEntry)
    /// `* SEARCH n n n`: message numbers, or UIDs after UID SEARCH.
    case search([UInt32])
    /// `* STATUS mailbox (...)`.
    case status(IMAPMailboxStatus)
    /// `* n EXISTS`, `* n RECENT`, `* n EXPUNGE`.
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    /// `* n FETCH (...)`.
    case fetch(IMAPFetchResponse)
    /// Anything else (`NAMESPACE`, `ESEARCH`, `VANISHED`...): its keyword in upper case and the
    /// number before it, if any. RFC 3501 asks clients to ignore what they do not know; the
    /// frame keeps the bytes.
    case other(keyword: String, number: UInt32?)
}

/// One field of an ID response (RFC 2971).
//  id-response     = "ID" SP id-params-list
//  id-params-list  = "(" *(string SP nstring) ")" / nil
public struct IMAPIDParameter: Equatable, Sendable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

/// A LIST or LSUB line.
//  mailbox-list    = "(" [mbx-list-flags] ")" SP
//                     (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
//  Tolerated: extended data after the name (RFC 5258: `("CHILDINFO" ("SUBSCRIBED"))`).
public struct IMAPListEntry: Equatable, Sendable {
    /// `\Noselect`, `\HasChildren`, `\Sent` (RFC 6154)...
    public var attributes: [IMAPFlag]
    /// The hierarchy delimiter; nil when the server says NIL (a flat namespace).
    public var delimiter: UInt8?
    public var name: IMAPMailboxName

    public init(attributes: [IMAPFlag], delimiter: UInt8?, name: IMAPMailboxName) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
    }

    /// `\Noselect` or `\NonExistent` (RFC 5258): there is nothing to SELECT.
    public var isSelectable: Bool {
        !attributes.contains(IMAPFlag("\\Noselect")) && !attributes.contains(IMAPFlag("\\NonExistent"))
    }
}

/// A STATUS response.
//  mailbox-data    =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
//  status-att-list = status-att SP number *(SP status-att SP number)
//  Tolerated: 63-bit values (HIGHESTMODSEQ, RFC 7162; SIZE, RFC 8438).
public struct IMAPMailboxStatus: Equatable, Sendable {
    public var mailbox: IMAPMailboxName
    /// Attribute name in upper case to value.
    public var items: [String: UInt64]

    public init(mailbox: IMAPMailboxName, items: [String: UInt64]) {
        self.mailbox = mailbox
        self.items = items
    }

    public var messages: UInt64? { items["MESSAGES"] }
    public var recent: UInt64? { items["RECENT"] }
    public var unseen: UInt64? { items["UNSEEN"] }
    public var uidNext: UInt32? { items["UIDNEXT"].flatMap { UInt32(exactly: $0) } }
    public var uidValidity: UInt32? { items["UIDVALIDITY"].flatMap { UInt32(exactly: $0) } }
}
