import Codec

/// The mailboxes named by an address field of a message header (To, Cc, Bcc, From, Sender),
/// as `-t` reads them: display names, comments and group names are dropped, groups are
/// flattened, obsolete routes are dropped, and each addr-spec becomes a checked `Mailbox`.
///
/// Tolerated: empty list elements (`a@b,,c@d`, RFC 5322 obs-addr-list), a group without its
/// closing `;` at the end of the field, whitespace and comments around the dots and `@` of an
/// addr-spec (obs-local-part, obs-domain). Refused: an addr-spec without `@` (an unquoted comma
/// in a display name, `Smith, John <j@x>`, would otherwise mail the local user "Smith").
//  address-list   = (address *("," address)) / obs-addr-list
//  address        = mailbox / group
//  mailbox        = name-addr / addr-spec
//  name-addr      = [display-name] angle-addr
//  angle-addr     = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr
//  group          = display-name ":" [group-list] ";" [CFWS]
//  display-name   = phrase
//  addr-spec      = local-part "@" domain
//  local-part     = dot-atom / quoted-string / obs-local-part
//  domain         = dot-atom / domain-literal / obs-domain
//  obs-angle-addr = [CFWS] "<" obs-route addr-spec ">" [CFWS]
//  obs-route      = obs-domain-list ":"
//  CFWS           = comments "( ... )" (nested, with quoted-pairs) and white space
enum AddressList {
    enum Token: Equatable {
        /// An atom, or a quoted string with its quotes and escapes, as written.
        case word([UInt8])
        /// A domain literal with its brackets, as written.
        case literal([UInt8])
        /// One of `< > : ; @ , .`
        case special(UInt8)
    }

    /// Parses an unfolded field value.
    /// - Throws: `SMTPError(.badAddress)` saying what is wrong.
    static func parse(_ value: ArraySlice<UInt8>) throws -> [Mailbox] {
        let tokens = try tokenize(value)
        var mailboxes: [Mailbox] = []
        var current: [Token] = []
        var angle: ArraySlice<Token>?
        var inGroup = false

        func flush() throws {
            if let angle {
                mailboxes.append(try addressSpec(stripRoute(angle)))
            } else if !current.isEmpty {
                mailboxes.append(try addressSpec(current[...]))
            }
            current = []
            angle = nil
        }

        var i = 0
        while i < tokens.count {
            switch tokens[i] {
            case .special(UInt8(ascii: "<")):
                guard angle == nil else { throw bad("two angle addresses in one mailbox") }
                guard let close = tokens[(i + 1)...].firstIndex(of: .special(UInt8(ascii: ">"))) else {
                    throw bad("'<' without '>'")
                }
                angle = tokens[(i + 1)..<close]
                i = close
            case .special(UInt8(ascii: ",")):
                try flush()
            case .special(UInt8(ascii: ":")):
                guard angle == nil, !inGroup else { throw bad("unexpected ':'") }
                current = []
                inGroup = true
            case .special(UInt8(ascii: ";")):
                guard inGroup else { throw bad("';' outside a group") }
                try flush()
                inGroup = false
            case .special(UInt8(ascii: ">")):
                throw bad("'>' without '<'")
            default:
                guard angle == nil else { throw bad("text after an angle address") }
                current.append(tokens[i])
            }
            i += 1
        }
        try flush()
        return mailboxes
    }

    //  obs-route = obs-domain-list ":"   (dropped: `<@relay:user@host>` is `user@host`)
    private static func stripRoute(_ tokens: ArraySlice<Token>) throws -> ArraySlice<Token> {
        guard tokens.first == .special(UInt8(ascii: "@")) else { return tokens }
        guard let colon = tokens.firstIndex(of: .special(UInt8(ascii: ":"))) else {
            throw bad("route without ':'")
        }
        return tokens[(colon + 1)...]
    }

    //  addr-spec  = local-part "@" domain
    //  local-part = word *("." word)     domain = atom *("." atom) / domain-literal
    private static func addressSpec(_ tokens: ArraySlice<Token>) throws -> Mailbox {
        guard !tokens.isEmpty else { throw bad("empty angle address") }
        var bytes: [UInt8] = []
        var previousWasWord = false
        var sawAt = false
        for token in tokens {
            switch token {
            case .word(let raw), .literal(let raw):
                guard !previousWasWord else { throw bad("a name where an address was expected") }
                bytes += raw
                previousWasWord = true
            case .special(let byte) where byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@"):
                if byte == UInt8(ascii: "@") {
                    guard !sawAt else { throw bad("two '@' in one address") }
                    sawAt = true
                }
                bytes.append(byte)
                previousWasWord = false
            case .special(let byte):
                throw bad("unexpected '\(printable([byte]))'")
            }
        }
        guard sawAt else {
            // RFC 5322 has no address without a domain; `Smith, John <j@x>` must not mail "Smith".
            throw bad("\"\(printable(bytes.prefix(100)))\" is not an address (no '@')")
        }
        return try Mailbox(addressSpec: String(decoding: bytes, as: UTF8.self))
    }

    static func tokenize(_ value: ArraySlice<UInt8>) throws -> [Token] {
        var tokens: [Token] = []
        var i = value.startIndex
        while i < value.endIndex {
            let byte = value[i]
            switch byte {
            case .space, .tab:
                i += 1
            case UInt8(ascii: "("):
                i = try skipComment(value, from: i)
            case UInt8(ascii: "\""):
                let end = try delimited(value, from: i, closing: UInt8(ascii: "\""), what: "quoted string")
                tokens.append(.word(Array(value[i..<end])))
                i = end
            case UInt8(ascii: "["):
                let end = try delimited(value, from: i, closing: UInt8(ascii: "]"), what: "domain literal")
                tokens.append(.literal(Array(value[i..<end])))
                i = end
            case _ where "<>:;@,.".utf8.contains(byte):
                tokens.append(.special(byte))
                i += 1
            case _ where byte.isControl:
                throw bad("control character")
            case _ where ")]\\".utf8.contains(byte):
                throw bad("unexpected '\(printable([byte]))'")
            default:
                var end = i
                while end < value.endIndex, isAtomByte(value[end]) { end += 1 }
                tokens.append(.word(Array(value[i..<end])))
                i = end
            }
        }
        return tokens
    }

    /// Atom bytes here: anything but white space, controls and specials (RFC 5322 3.2.3),
    /// so non-ASCII (RFC 6532) is included; `Mailbox` then checks the address itself.
    private static func isAtomByte(_ byte: UInt8) -> Bool {
        !(byte == .space || byte == .tab || byte.isControl || "()<>[]:;@\\,.\"".utf8.contains(byte))
    }

    /// The index after a quoted string or domain literal starting at `start`.
    private static func delimited(
        _ value: ArraySlice<UInt8>, from start: Int, closing: UInt8, what: String
    ) throws -> Int {
        var i = start + 1
        while i < value.endIndex {
            if value[i] == UInt8(ascii: "\\") {
                i += 2
            } else if value[i] == closing {
                return i + 1
            } else {
                i += 1
            }
        }
        throw bad("unterminated \(what)")
    }

    /// The index after a comment starting at `start`; comments nest.
    private static func skipComment(_ value: ArraySlice<UInt8>, from start: Int) throws -> Int {
        var depth = 0
        var i = start
        while i < value.endIndex {
            switch value[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        throw bad("unterminated comment")
    }

    private static func bad(_ problem: String) -> SMTPError { SMTPError(.badAddress, problem) }
}
