import Codec

/// A command a fetching client sends, before it has a tag: its name, its checked arguments, and
/// the stage that a NO or BAD for it means (`IMAPError.Stage`, hence the exit code). Every
/// argument is encoded by the rules of RFC 3501 (atom, quoted or literal), so no argument can
/// split the command or inject another.
public struct IMAPCommand: Equatable, Sendable {
    /// `LOGIN`, `UID FETCH`...
    public let name: String
    public let stage: IMAPError.Stage
    public let arguments: [IMAPCommandArgument]

    init(_ name: String, _ stage: IMAPError.Stage, _ arguments: [IMAPCommandArgument] = []) {
        self.name = name
        self.stage = stage
        self.arguments = arguments
    }

    /// Whether an argument goes as a literal (then LITERAL+ decides whether to wait for `+`).
    public var hasLiteral: Bool {
        arguments.contains { if case .literal = $0.encoding { true } else { false } }
    }

    /// The command with `tag`, its literals sent as `literalMode` allows.
    public func encoded(tag: String, literalMode: IMAPLiteralMode) -> IMAPEncodedCommand {
        IMAPEncodedCommand(tag: tag, name: Array(name.utf8), arguments: arguments, literalMode: literalMode)
    }

    //  capability      = "CAPABILITY"
    public static let capability = IMAPCommand("CAPABILITY", .capability)
    //  command-any     = "CAPABILITY" / "LOGOUT" / "NOOP" / x-command / id
    public static let noop = IMAPCommand("NOOP", .other)
    public static let logout = IMAPCommand("LOGOUT", .other)
    //  command-nonauth = login / authenticate / "STARTTLS"
    public static let startTLS = IMAPCommand("STARTTLS", .startTLS)
    //  command-select  = "CHECK" / "CLOSE" / "EXPUNGE" / copy / fetch / store / uid / search
    public static let close = IMAPCommand("CLOSE", .other)
    public static let expunge = IMAPCommand("EXPUNGE", .expunge)
    //  unselect        = "UNSELECT"                                     ; RFC 3691
    public static let unselect = IMAPCommand("UNSELECT", .other)

    //  login           = "LOGIN" SP userid SP password
    //  userid          = astring
    //  password        = astring
    /// The password is a secret: the trace shows `<redacted>`.
    /// - Throws: `IMAPError(.unsendableArgument)` for a NUL byte in either.
    public static func login(user: [UInt8], password: [UInt8]) throws(IMAPError) -> IMAPCommand {
        IMAPCommand(
            "LOGIN", .login,
            [
                try .astring(user, what: "user name"),
                try .astring(password, isSecret: true, what: "password"),
            ])
    }

    //  authenticate    = "AUTHENTICATE" SP auth-type [SP (base64 / "=")] *(CRLF base64)
    //  auth-type       = atom                                ; RFC 4959 adds the initial response
    /// `initialResponse` (raw bytes; base64-encoded here, `=` when empty) only when the server
    /// offers SASL-IR; it is a secret.
    /// - Precondition: `mechanism` is a SASL mechanism name (`SASLMechanism` guarantees it).
    public static func authenticate(mechanism: String, initialResponse: [UInt8]?) -> IMAPCommand {
        precondition(!mechanism.isEmpty && mechanism.utf8.allSatisfy(\.isAtomChar), "invalid SASL mechanism name")
        var arguments: [IMAPCommandArgument] = [.verbatim(mechanism)]
        if let initialResponse {
            let encoded = initialResponse.isEmpty ? "=" : Base64.encode(initialResponse)
            arguments.append(IMAPCommandArgument(bytes: Array(encoded.utf8), form: .verbatim, isSecret: true))
        }
        return IMAPCommand("AUTHENTICATE", .authenticate, arguments)
    }

    //  enable          = "ENABLE" 1*(SP capability)                     ; RFC 5161
    /// - Precondition: every name is an atom (they are constants of the session).
    public static func enable(_ capabilities: [String]) -> IMAPCommand {
        precondition(
            !capabilities.isEmpty && capabilities.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(\.isAtomChar) },
            "ENABLE needs capability atoms")
        return IMAPCommand("ENABLE", .enable, capabilities.map { .verbatim($0) })
    }

    //  id              = "ID" SP id-params-list                         ; RFC 2971
    //  id-params-list  = "(" *(string SP nstring) ")" / nil
    /// - Throws: `IMAPError(.unsendableArgument)` for a NUL byte.
    public static func id(_ parameters: [IMAPIDParameter]?) throws(IMAPError) -> IMAPCommand {
        guard let parameters, !parameters.isEmpty else { return IMAPCommand("ID", .id, [.verbatim("NIL")]) }
        var arguments: [IMAPCommandArgument] = []
        for parameter in parameters {
            arguments.append(try .string(Array(parameter.key.utf8), what: "ID field name"))
            arguments.append(
                try parameter.value.map { value throws(IMAPError) in
                    try IMAPCommandArgument.string(Array(value.utf8), what: "ID field value")
                } ?? .verbatim("NIL"))
        }
        arguments[0].prefix = [.openParen]
        arguments[arguments.count - 1].suffix = [.closeParen]
        return IMAPCommand("ID", .id, arguments)
    }

    //  select          = "SELECT" SP mailbox
    public static func select(_ mailbox: IMAPMailboxName) -> IMAPCommand {
        IMAPCommand("SELECT", .select, [mailboxArgument(mailbox)])
    }

    //  examine         = "EXAMINE" SP mailbox
    public static func examine(_ mailbox: IMAPMailboxName) -> IMAPCommand {
        IMAPCommand("EXAMINE", .examine, [mailboxArgument(mailbox)])
    }

    //  list            = "LIST" SP mailbox SP list-mailbox
    //  list-mailbox    = 1*list-char / string
    /// `LIST reference pattern`; curl lists with `LIST "<mailbox>" *`, the reference always a
    /// string (quoted, or a literal where quoting cannot carry it), as here.
    /// - Throws: `IMAPError(.unsendableArgument)` for a NUL byte in `pattern`.
    public static func list(reference: IMAPMailboxName?, pattern: String = "*") throws(IMAPError) -> IMAPCommand {
        let reference = IMAPCommandArgument(bytes: reference.map { mailboxArgument($0).bytes } ?? [], form: .string)
        var pattern = try IMAPCommandArgument.astring(Array(pattern.utf8), what: "LIST pattern")
        pattern = IMAPCommandArgument(bytes: pattern.bytes, form: .listMailbox)
        return IMAPCommand("LIST", .list, [reference, pattern])
    }

    //  append          = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal
    //  flag-list       = "(" [flag *(SP flag)] ")"
    /// Uploads `message` into `mailbox` with `flags` (curl sends `(\Seen)`). The message goes
    /// as a literal, synchronizing unless the server offers LITERAL+ (`IMAPSession.send`); the
    /// trace shows its size, not its text.
    /// - Throws: `IMAPError(.unsendableArgument)` for a NUL byte (CHAR8 excludes it; RFC 3516's
    ///   literal8 is not sent here) or an empty message.
    public static func append(
        _ mailbox: IMAPMailboxName, flags: [IMAPFlag], message: [UInt8]
    ) throws(IMAPError) -> IMAPCommand {
        guard !message.isEmpty else { throw IMAPError(.unsendableArgument, "The message to upload is empty") }
        guard !message.contains(0) else {
            throw IMAPError(.unsendableArgument, "The message cannot be sent by APPEND: it contains a NUL byte")
        }
        var literal = IMAPCommandArgument(bytes: message, form: .literal)
        literal.contentDisplay = Array("[\(message.count) octets of message]".utf8)
        return IMAPCommand(
            "APPEND", .append,
            [mailboxArgument(mailbox), .verbatim("(" + flags.map(\.name).joined(separator: " ") + ")"), literal])
    }

    //  status          = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
    /// - Precondition: `items` are status-att atoms (`MESSAGES`, `UIDNEXT`...).
    public static func status(_ mailbox: IMAPMailboxName, items: [String]) -> IMAPCommand {
        precondition(
            !items.isEmpty && items.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(\.isAtomChar) },
            "STATUS items are atoms")
        return IMAPCommand(
            "STATUS", .status, [mailboxArgument(mailbox), .verbatim("(" + items.joined(separator: " ") + ")")])
    }

    //  search          = "SEARCH" [SP "CHARSET" SP astring] 1*(SP search-key)
    //  uid             = "UID" SP (copy / fetch / search / store)
    /// `SEARCH criteria` with the criteria sent as given, as curl sends a URL's query.
    /// - Throws: `IMAPError(.unsendableArgument)` when `criteria` is empty or holds a control
    ///   character (CR LF would end the command and start another).
    public static func search(_ criteria: String, uid: Bool = false) throws(IMAPError) -> IMAPCommand {
        IMAPCommand(
            uid ? "UID SEARCH" : "SEARCH", .search, [.verbatim(try checkedRaw(criteria, what: "search criteria"))])
    }

    //  fetch           = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" /
    //                    fetch-att / "(" fetch-att *(SP fetch-att) ")")
    /// - Precondition: `items` is not empty.
    public static func fetch(_ set: IMAPSequenceSet, items: [IMAPFetchItem], uid: Bool) -> IMAPCommand {
        precondition(!items.isEmpty, "FETCH needs items")
        let list = items.count == 1 ? items[0].description : "(" + items.map(\.description).joined(separator: " ") + ")"
        return IMAPCommand(uid ? "UID FETCH" : "FETCH", .fetch, [.verbatim(set.description), .verbatim(list)])
    }

    /// How STORE changes the flags.
    public enum StoreOperation: String, Sendable {
        case add = "+FLAGS"
        case remove = "-FLAGS"
        case replace = "FLAGS"
    }

    //  store           = "STORE" SP sequence-set SP store-att-flags
    //  store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
    /// - Precondition: `flags` are valid flags (`\Deleted`, keywords that are atoms).
    public static func store(
        _ set: IMAPSequenceSet, _ operation: StoreOperation, flags: [IMAPFlag],
        silent: Bool = true, uid: Bool
    ) -> IMAPCommand {
        precondition(
            flags.allSatisfy { flag in
                let bytes = Array(flag.name.utf8)
                let atom = bytes.first == .backslash ? bytes.dropFirst() : bytes[...]
                return !atom.isEmpty && atom.allSatisfy(\.isAtomChar)
            }, "invalid flag")
        return IMAPCommand(
            uid ? "UID STORE" : "STORE", .store,
            [
                .verbatim(set.description),
                .verbatim(operation.rawValue + (silent ? ".SILENT" : "")),
                .verbatim("(" + flags.map(\.name).joined(separator: " ") + ")"),
            ])
    }

    //  uid-expunge     = "UID" SP "EXPUNGE" SP sequence-set              ; RFC 4315
    public static func uidExpunge(_ set: IMAPSequenceSet) -> IMAPCommand {
        IMAPCommand("UID EXPUNGE", .expunge, [.verbatim(set.description)])
    }

    /// A custom command from `-X`, sent as given (as curl does).
    public static func custom(_ request: IMAPCustomRequest) -> IMAPCommand {
        IMAPCommand(request.command, .custom, request.parameters.isEmpty ? [] : [.verbatim(request.parameters)])
    }

    // MARK: Helpers

    static func mailboxArgument(_ mailbox: IMAPMailboxName) -> IMAPCommandArgument {
        // A mailbox name never holds NUL: modified UTF-7 is printable ASCII, and names from the
        // wire came from IMAP strings. Keep the check anyway: it costs nothing.
        IMAPCommandArgument(bytes: mailbox.bytes.filter { $0 != 0 }, form: .astring)
    }

    /// `text` when it has no control character and is not empty.
    static func checkedRaw(_ text: String, what: String) throws(IMAPError) -> String {
        guard !text.isEmpty else { throw IMAPError(.unsendableArgument, "Empty \(what)") }
        guard !text.utf8.contains(where: \.isControl) else {
            throw IMAPError(
                .unsendableArgument, "The \(what) cannot be sent: it contains a control character (CR, LF, NUL...)")
        }
        return text
    }
}
