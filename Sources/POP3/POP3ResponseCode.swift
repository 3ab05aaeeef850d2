/// An extended response code at the start of a status line's text (RFC 2449 section 8, with the
/// codes of RFC 2449 and RFC 3206): `-ERR [IN-USE] ...`, `-ERR [SYS/TEMP] ...`. Levels are kept
/// uppercased; unknown codes are kept too (a client must ignore what it does not know).
//  resp-code  = "[" resp-level *("/" resp-level) "]"
//  resp-level = 1*rchar
//  rchar      = %x21-2E / %x30-5C / %x5E-7F   ; printable ASCII, excluding "/" and "]"
public struct POP3ResponseCode: Hashable, Sendable, CustomStringConvertible {
    /// `["SYS", "TEMP"]` for `[SYS/TEMP]`; never empty.
    public let levels: [String]

    public init(_ levels: [String]) {
        precondition(!levels.isEmpty, "a response code has at least one level")
        self.levels = levels.map { $0.uppercased() }
    }

    /// `[IN-USE]`: the maildrop is locked by another session (RFC 2449 8.1.1).
    public static let inUse = POP3ResponseCode(["IN-USE"])
    /// `[LOGIN-DELAY]`: logging in again too soon (RFC 2449 8.1.2).
    public static let loginDelay = POP3ResponseCode(["LOGIN-DELAY"])
    /// `[SYS/TEMP]`: a temporary system problem; trying later may work (RFC 3206 4).
    public static let systemTemporary = POP3ResponseCode(["SYS", "TEMP"])
    /// `[SYS/PERM]`: a permanent system problem (RFC 3206 4).
    public static let systemPermanent = POP3ResponseCode(["SYS", "PERM"])
    /// `[AUTH]`: the credentials were refused (RFC 3206 5).
    public static let auth = POP3ResponseCode(["AUTH"])
    /// `[UTF8]`: the mailbox needs UTF-8 mode (RFC 6856).
    public static let utf8 = POP3ResponseCode(["UTF8"])

    /// `[SYS/TEMP]`
    public var description: String { "[" + levels.joined(separator: "/") + "]" }

    /// What the code means, for error messages; nil for codes without a known meaning.
    /// A code with more levels than a known one takes the known one's meaning (`[SYS/TEMP/X]`).
    public var explanation: String? {
        switch levels.first {
        case "IN-USE": return "mailbox in use (another session holds it)"
        case "LOGIN-DELAY": return "login delay (logging in again too soon)"
        case "AUTH": return "credentials refused"
        case "UTF8": return "mailbox needs UTF-8 mode"
        case "SYS":
            switch levels.dropFirst().first {
            case "TEMP": return "temporary system error"
            case "PERM": return "permanent system error"
            default: return "system error"
            }
        default: return nil
        }
    }

    /// Parses a response code at the start of `text`; returns it and the text after it (one
    /// space after `]` dropped), or nil when `text` does not start with a well-formed code (the
    /// text is then ordinary text: RFC 2449 servers never start text with `[` otherwise).
    static func parse(prefixOf text: ArraySlice<UInt8>) -> (POP3ResponseCode, ArraySlice<UInt8>)? {
        guard text.first == UInt8(ascii: "["), let close = text.firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let inner = text[(text.startIndex + 1)..<close]
        let levels = inner.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard levels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isVisibleASCII || $0 == 0x7F } }) else {
            return nil
        }
        var rest = text[(close + 1)...]
        if rest.first == .space { rest = rest.dropFirst() }
        return (POP3ResponseCode(levels.map { String(decoding: $0, as: UTF8.self) }), rest)
    }
}
