import Codec
import CurlURL

/// What an IMAP URL asks for, read the way curl reads it (`docs/URL-SYNTAX.md`, `lib/imap.c`,
/// RFC 5092): the path names a mailbox and, after `;NAME=value` parameters, a message; the
/// query is a SEARCH; `-X` replaces the command. Pure: the path and query come from `CurlURL`
/// as given (percent-encoding kept).
///
/// | URL                                      | commands                                   |
/// |------------------------------------------|--------------------------------------------|
/// | `imap://host/`                           | `LIST "" *`                                |
/// | `imap://host/INBOX`                      | `LIST INBOX *`                             |
/// | `imap://host/INBOX/;UID=7`               | `SELECT INBOX`, `UID FETCH 7 BODY[]`       |
/// | `imap://host/INBOX/;MAILINDEX=1`         | `SELECT INBOX`, `FETCH 1 BODY[]`           |
/// | `.../;UID=3/;SECTION=TEXT`               | `... UID FETCH 3 BODY[TEXT]`               |
/// | `.../;UID=4/;PARTIAL=0.1024`             | `... UID FETCH 4 BODY[]<0.1024>`           |
/// | `imap://host/INBOX;UIDVALIDITY=50/;UID=2`| `SELECT INBOX` (UIDVALIDITY must be 50), `UID FETCH 2 BODY[]` |
/// | `imap://host/INBOX?NEW`                  | `SELECT INBOX`, `SEARCH NEW`               |
/// | with `-X "EXAMINE INBOX"`                | (`SELECT` of the URL's mailbox,) `EXAMINE INBOX` |
///
/// Where curl is silent, this is strict (curl 3): a UID, MAILINDEX or UIDVALIDITY that is not a
/// non-zero 32-bit number (curl sends the UID as given and skips a non-numeric UIDVALIDITY
/// check), a SECTION or PARTIAL that is not RFC 3501's, and a message, UIDVALIDITY or query
/// without a mailbox (curl then lists every mailbox). Like curl: unknown and repeated
/// parameters are errors, empty ones are ignored, UID wins over MAILINDEX, SECTION and PARTIAL
/// without a message are ignored, and so is the query when a message is named.
//  imapurl-path    = mailbox-part *(";" param)   ; curl's reading, after the leading "/"
//  mailbox-part    = *bchar                       ; one trailing "/" dropped
//  param           = name "=" *bchar              ; one trailing "/" dropped from the value
//  bchar           = ALPHA / DIGIT / ":" / "@" / "/" / "&" / "=" / "-" / "." / "_" / "~" /
//                    "!" / "$" / "'" / "(" / ")" / "*" / "+" / "," / "%"
public struct IMAPURLRequest: Equatable, Sendable {
    public enum Message: Equatable, Sendable {
        /// `;UID=n`: `UID FETCH n`.
        case uid(UInt32)
        /// `;MAILINDEX=n`: `FETCH n` (a message sequence number).
        case sequenceNumber(UInt32)
    }

    public enum Action: Equatable, Sendable {
        /// `LIST reference *`, reference `""` when nil: curl's listing.
        case list(reference: IMAPMailboxName?)
        /// SELECT the mailbox, then FETCH the message's section.
        case fetch(IMAPMailboxName, Message, section: IMAPSection, partial: IMAPPartial?)
        /// SELECT the mailbox, then SEARCH with the query, percent-decoded, as given.
        case search(IMAPMailboxName, criteria: String)
        /// SELECT the mailbox when there is one, then the custom command.
        case custom(IMAPMailboxName?, IMAPCustomRequest)
    }

    public let action: Action
    /// `;UIDVALIDITY=n` on the mailbox: the SELECT must report this UIDVALIDITY, else curl 78.
    public let uidValidity: UInt32?

    public init(action: Action, uidValidity: UInt32? = nil) {
        self.action = action
        self.uidValidity = uidValidity
    }

    /// - Parameters:
    ///   - path: `CurlURL.path` (`/INBOX/;UID=7`); may be empty.
    ///   - query: `CurlURL.query`, without the `?`.
    ///   - customRequest: the `-X` argument.
    /// - Throws: `IMAPError(.badURL)` (curl 3); `IMAPError(.unsendableArgument)` (curl 3) for
    ///   a custom request or query with a control character.
    public init(path: String, query: String?, customRequest: String? = nil) throws(IMAPError) {
        var bytes = Array(path.utf8)[...]
        if bytes.first == UInt8(ascii: "/") { bytes = bytes.dropFirst() }

        let mailboxPart = bytes.prefix(while: IMAPURLRequest.isBChar)
        bytes = bytes.dropFirst(mailboxPart.count)
        var mailboxText = mailboxPart
        if mailboxText.last == UInt8(ascii: "/") { mailboxText = mailboxText.dropLast() }
        let mailbox = mailboxText.isEmpty ? nil : try IMAPURLRequest.mailboxName(mailboxText)
        let parameters = try Parameters(parsing: &bytes)
        guard bytes.isEmpty else {
            throw IMAPError(.badURL, "Unexpected characters in the URL path: \(printable(bytes, limit: 40))")
        }

        let message = parameters.uid.map(Message.uid) ?? parameters.mailIndex.map(Message.sequenceNumber)
        var criteria: String?
        if let query, !query.isEmpty, message == nil {
            criteria = String(decoding: try IMAPURLRequest.percentDecoded(query, what: "query"), as: UTF8.self)
        }
        if mailbox == nil && customRequest == nil {
            if message != nil {
                throw IMAPError(.badURL, "The URL names a message but no mailbox (imap://host/MAILBOX/;UID=n)")
            }
            if parameters.uidValidity != nil { throw IMAPError(.badURL, "The URL gives a UIDVALIDITY but no mailbox") }
            if query.map({ !$0.isEmpty }) == true {
                throw IMAPError(.badURL, "The URL has a search query but no mailbox (imap://host/MAILBOX?criteria)")
            }
        }

        if let customRequest {
            action = .custom(mailbox, try IMAPCustomRequest(customRequest))
        } else if let mailbox, let message {
            action = .fetch(mailbox, message, section: parameters.section ?? IMAPSection(), partial: parameters.partial)
        } else if let mailbox, let criteria {
            action = .search(mailbox, criteria: try IMAPCommand.checkedRaw(criteria, what: "search criteria"))
        } else {
            action = .list(reference: mailbox)
        }
        self.uidValidity = parameters.uidValidity
    }

    /// The URL's `;NAME=value` parameters, percent-decoded; unknown or repeated ones are errors,
    /// empty ones are ignored (as in curl).
    struct Parameters {
        var uidValidity: UInt32?, uid: UInt32?, mailIndex: UInt32?
        var section: IMAPSection?, partial: IMAPPartial?

        /// Reads parameters from the front of `bytes` while it starts with `;`.
        init(parsing bytes: inout ArraySlice<UInt8>) throws(IMAPError) {
            var seen = Set<String>()
            while bytes.first == UInt8(ascii: ";") {
                bytes = bytes.dropFirst()
                guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else {
                    throw IMAPError(.badURL, "URL parameter without '=': ;\(printable(bytes, limit: 40))")
                }
                let name = String(
                    decoding: try IMAPURLRequest.percentDecoded(bytes[..<equals], what: "parameter name"),
                    as: UTF8.self
                ).uppercased()
                bytes = bytes[(equals + 1)...]
                let valuePart = bytes.prefix(while: IMAPURLRequest.isBChar)
                bytes = bytes.dropFirst(valuePart.count)
                var value = try IMAPURLRequest.percentDecoded(valuePart, what: "\(name) parameter")
                if value.last == UInt8(ascii: "/") { value.removeLast() }
                if value.isEmpty { continue }
                guard seen.insert(name).inserted else {
                    throw IMAPError(.badURL, "URL parameter ;\(printable(Array(name.utf8), limit: 40))= given twice")
                }
                try take(name, value)
            }
        }

        private mutating func take(_ name: String, _ valueBytes: [UInt8]) throws(IMAPError) {
            let value = String(decoding: valueBytes, as: UTF8.self)
            switch name {
            case "UIDVALIDITY": uidValidity = try IMAPURLRequest.nzNumber(value, name)
            case "UID": uid = try IMAPURLRequest.nzNumber(value, name)
            case "MAILINDEX": mailIndex = try IMAPURLRequest.nzNumber(value, name)
            case "SECTION":
                do {
                    section = try IMAPSection(parsing: value)
                } catch {
                    throw IMAPError(.badURL, "Invalid ;SECTION= in the URL: \(printable(valueBytes, limit: 100))")
                }
            case "PARTIAL":
                guard let range = IMAPPartial(value) else {
                    throw IMAPError(
                        .badURL,
                        "Invalid ;PARTIAL= in the URL (start.length expected): \(printable(valueBytes, limit: 100))")
                }
                partial = range
            default:
                throw IMAPError(.badURL, "Unknown IMAP URL parameter ;\(printable(Array(name.utf8), limit: 40))=")
            }
        }
    }

    /// curl's lenient percent-decoding (`PercentEncoding.decodeLeniently`), refusing a control
    /// character as IMAP's own error (curl 3).
    static func percentDecoded(_ text: some Collection<UInt8>, what: String) throws(IMAPError) -> [UInt8] {
        guard let bytes = PercentEncoding.decodeLeniently(String(decoding: text, as: UTF8.self)) else {
            throw IMAPError(.badURL, "The URL's \(what) holds a control character")
        }
        return bytes
    }

    static func percentDecoded(_ text: String, what: String) throws(IMAPError) -> [UInt8] {
        try percentDecoded(Array(text.utf8), what: what)
    }

    /// The mailbox to SELECT before the command, if any.
    public var mailbox: IMAPMailboxName? {
        switch action {
        case .list: return nil
        case .fetch(let mailbox, _, _, _), .search(let mailbox, _): return mailbox
        case .custom(let mailbox, _): return mailbox
        }
    }

    /// `SELECT mailbox` when the command needs a selected mailbox.
    public var selectCommand: IMAPCommand? { mailbox.map(IMAPCommand.select) }

    /// The command after the SELECT (or alone): LIST, FETCH (curl's `BODY[...]`, which sets
    /// `\Seen`; `BODY.PEEK[...]` when `peek`), SEARCH or the custom command.
    public func command(peek: Bool = false) -> IMAPCommand {
        switch action {
        case .list(let reference):
            // "*" is a valid pattern: this cannot throw.
            return (try? IMAPCommand.list(reference: reference, pattern: "*")) ?? IMAPCommand("LIST", .list)
        case .fetch(_, let message, let section, let partial):
            let item = IMAPFetchItem.body(section, partial: partial, peek: peek)
            switch message {
            case .uid(let uid): return .fetch(IMAPSequenceSet(single: uid), items: [item], uid: true)
            case .sequenceNumber(let number): return .fetch(IMAPSequenceSet(single: number), items: [item], uid: false)
            }
        case .search(_, let criteria):
            return IMAPCommand("SEARCH", .search, [.verbatim(criteria)])
        case .custom(_, let request):
            return .custom(request)
        }
    }

    /// A percent-decoded mailbox name from the URL. curl sends the bytes as they are; IMAP4rev1
    /// wants modified UTF-7. A name that is ASCII and already valid modified UTF-7 (what a curl
    /// user writes: `Entw&APw-rfe`) is sent as it is, so curl command lines keep working; any
    /// other name (`Entwürfe`, `R&D`) is encoded.
    static func mailboxName(_ text: ArraySlice<UInt8>) throws(IMAPError) -> IMAPMailboxName {
        let bytes = try percentDecoded(text, what: "mailbox name")
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw IMAPError(.badURL, "The URL's mailbox name is not UTF-8 once percent-decoded")
        }
        if bytes.allSatisfy({ $0 < 0x80 }), ModifiedUTF7.decode(bytes) != nil {
            return IMAPMailboxName(wire: bytes)
        }
        return IMAPMailboxName(name)
    }

    static func nzNumber(_ value: String, _ name: String) throws(IMAPError) -> UInt32 {
        guard value.utf8.allSatisfy(\.isASCIIDigit), let number = UInt32(value), number != 0 else {
            throw IMAPError(
                .badURL,
                "Invalid ;\(name)= in the URL (a number from 1 to 4294967295 expected): \(printable(Array(value.utf8), limit: 40))"
            )
        }
        return number
    }

    static func isBChar(_ byte: UInt8) -> Bool {
        if byte.isASCIILetter || byte.isASCIIDigit { return true }
        return Array(":@/&=-._~!$'()*+,%".utf8).contains(byte)
    }
}
