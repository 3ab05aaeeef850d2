/// What `-t` (sendmail's "read recipients from the message") takes from a message's header
/// section, and the header to send in its place. Read by `MessageHeaderReader`.
public struct MessageHeader: Equatable, Sendable {
    /// The header section to send: the bytes read, unchanged, less every `Bcc:` and
    /// `Resent-Bcc:` field with its continuation lines (a blind copy list is never disclosed),
    /// the empty line ending the section included when there was one.
    public internal(set) var bytes: [UInt8] = []
    /// Whether the message has `Resent-` fields: it is being resent (RFC 5322 3.6.6), and the
    /// `Resent-` fields name its recipients and sender, as Postfix's `sendmail -t` reads them.
    public internal(set) var isResent = false
    /// The recipients: the mailboxes of To, Cc and Bcc (Resent-To, Resent-Cc and Resent-Bcc
    /// when `isResent`), groups flattened, in order, an address repeated byte for byte kept once.
    public internal(set) var recipients: [Mailbox] = []

    /// Unfolded values of the address fields, by lower-case name, in order.
    var addressFields: [(name: String, value: [UInt8])] = []

    public init() {}

    /// The envelope sender the header suggests (used when `--mail-from` is not given): the
    /// Sender field's mailbox when there is one (RFC 5322 3.6.2: the agent responsible for
    /// sending, which the From field need not be), else the first mailbox of From; the
    /// `Resent-` variants when `isResent`. Nil when the header names neither.
    /// - Throws: `SMTPError(.badAddress)` when that field does not parse. Parsed only here, so
    ///   a broken From does not matter when `--mail-from` is given.
    public func envelopeSender() throws -> Mailbox? {
        let prefix = isResent ? "resent-" : ""
        for name in [prefix + "sender", prefix + "from"] {
            guard let field = addressFields.first(where: { $0.name == name }) else { continue }
            if let mailbox = try Self.parse(field).first { return mailbox }
        }
        return nil
    }

    /// Whether the header has a From field (sendmail mode adds one when it has not).
    public var hasFrom: Bool { addressFields.contains { $0.name == "from" } }

    /// Fills `recipients` from the fields once the header is complete.
    mutating func collectRecipients() throws {
        let prefix = isResent ? "resent-" : ""
        let names = [prefix + "to", prefix + "cc", prefix + "bcc"]
        var seen = Set<String>()
        for field in addressFields where names.contains(field.name) {
            for mailbox in try Self.parse(field) where seen.insert(mailbox.address).inserted {
                recipients.append(mailbox)
            }
        }
    }

    private static func parse(_ field: (name: String, value: [UInt8])) throws -> [Mailbox] {
        do {
            return try AddressList.parse(field.value[...])
        } catch let error as SMTPError {
            throw SMTPError(.badAddress, "In the message's \(displayName(field.name)) field: \(error.message)")
        }
    }

    /// `resent-bcc` → `Resent-Bcc`.
    private static func displayName(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
    }

    public static func == (lhs: MessageHeader, rhs: MessageHeader) -> Bool {
        lhs.bytes == rhs.bytes && lhs.isResent == rhs.isResent && lhs.recipients == rhs.recipients
            && lhs.addressFields.elementsEqual(rhs.addressFields, by: { $0.name == $1.name && $0.value == $1.value })
    }
}
