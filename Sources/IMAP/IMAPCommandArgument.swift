/// One argument of a command, encoded for the wire by the rules of RFC 3501 section 4: as an
/// atom when it can be, else quoted, else a literal.
//  astring         = 1*ASTRING-CHAR / string
//  string          = quoted / literal
//  quoted          = DQUOTE *QUOTED-CHAR DQUOTE
//  QUOTED-CHAR     = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials
//  literal         = "{" number "}" CRLF *CHAR8          ; CHAR8 = %x01-ff: no NUL
//  list-mailbox    = 1*list-char / string
public struct IMAPCommandArgument: Equatable, Sendable {
    enum Form: Equatable, Sendable {
        /// Sent as given: keywords, numbers, sequence sets, parenthesised item lists.
        case verbatim
        /// astring: atom when every byte is an ASTRING-CHAR.
        case astring
        /// list-mailbox: like astring, `%` and `*` allowed unquoted.
        case listMailbox
        /// string: always quoted or literal (ID values, search strings).
        case string
        /// literal, whatever the bytes: APPEND's message.
        case literal
    }

    let bytes: [UInt8]
    let form: Form
    /// Shown as `<redacted>` in the trace (passwords, SASL responses).
    public let isSecret: Bool
    /// Shown in the trace instead of a literal's bytes (APPEND's message: its size, not its
    /// text); the announcement `{n}` is shown as sent.
    var contentDisplay: [UInt8]?
    /// Sent right before and after the encoded argument (the parentheses of a list).
    var prefix: [UInt8] = []
    var suffix: [UInt8] = []

    init(bytes: [UInt8], form: Form, isSecret: Bool = false) {
        self.bytes = bytes
        self.form = form
        self.isSecret = isSecret
    }

    /// Text sent as it is: the caller guarantees it is valid there.
    static func verbatim(_ text: String) -> IMAPCommandArgument {
        IMAPCommandArgument(bytes: Array(text.utf8), form: .verbatim)
    }

    /// An astring (user name, password, mailbox name).
    /// - Throws: `IMAPError(.unsendableArgument)` for a NUL byte, which no IMAP string can hold.
    static func astring(_ bytes: [UInt8], isSecret: Bool = false, what: String) throws(IMAPError) -> IMAPCommandArgument
    {
        guard !bytes.contains(0) else {
            throw IMAPError(
                .unsendableArgument, "The \(what) cannot be sent in an IMAP command: it contains a NUL byte")
        }
        return IMAPCommandArgument(bytes: bytes, form: .astring, isSecret: isSecret)
    }

    /// A string: always quoted or a literal, never an atom.
    /// - Throws: `IMAPError(.unsendableArgument)` for a NUL byte.
    static func string(_ bytes: [UInt8], what: String) throws(IMAPError) -> IMAPCommandArgument {
        guard !bytes.contains(0) else {
            throw IMAPError(
                .unsendableArgument, "The \(what) cannot be sent in an IMAP command: it contains a NUL byte")
        }
        return IMAPCommandArgument(bytes: bytes, form: .string)
    }

    /// How the argument goes on the wire.
    enum Encoding: Equatable {
        case text([UInt8])
        case literal([UInt8])
    }

    var encoding: Encoding {
        switch form {
        case .verbatim:
            return .text(bytes)
        case .literal:
            return .literal(bytes)
        case .astring where !bytes.isEmpty && bytes.allSatisfy(\.isAStringChar):
            return .text(bytes)
        case .listMailbox where !bytes.isEmpty && bytes.allSatisfy(\.isListChar):
            return .text(bytes)
        default:
            // quoted: CHAR (%x01-7F) except CR and LF; else a literal.
            guard bytes.allSatisfy({ $0 >= 0x01 && $0 <= 0x7F && $0 != .cr && $0 != .lf }) else {
                return .literal(bytes)
            }
            var quoted: [UInt8] = [.quote]
            for byte in bytes {
                if byte == .quote || byte == .backslash { quoted.append(.backslash) }
                quoted.append(byte)
            }
            quoted.append(.quote)
            return .text(quoted)
        }
    }
}
