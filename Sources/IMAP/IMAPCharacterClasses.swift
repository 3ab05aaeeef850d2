import Codec

/// RFC 3501's character classes (section 9, formal syntax) and the ASCII bytes the IMAP grammar
/// names, as byte predicates: the parser and the command encoder test bytes, never characters.
extension UInt8 {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let tilde: UInt8 = 0x7E
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let asterisk: UInt8 = 0x2A
    static let percent: UInt8 = 0x25
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let ampersand: UInt8 = 0x26
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E

    //  ATOM-CHAR       = <any CHAR except atom-specials>
    //  atom-specials   = "(" / ")" / "{" / SP / CTL / list-wildcards /
    //                    quoted-specials / resp-specials
    //  list-wildcards  = "%" / "*"
    //  quoted-specials = DQUOTE / "\"
    //  resp-specials   = "]"
    //  CHAR            = %x01-7F
    var isAtomChar: Bool {
        switch self {
        case 0x00...0x20, 0x7F...0xFF: return false
        case .openParen, .closeParen, .openBrace, .percent, .asterisk, .quote, .backslash, .closeBracket:
            return false
        default: return true
        }
    }

    //  ASTRING-CHAR    = ATOM-CHAR / resp-specials
    var isAStringChar: Bool { isAtomChar || self == .closeBracket }

    //  list-char       = ATOM-CHAR / list-wildcards / resp-specials
    var isListChar: Bool { isAStringChar || self == .percent || self == .asterisk }
}
