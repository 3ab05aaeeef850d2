/// Parses the string form of a search filter (RFC 4515). Pure; nesting and length bounded.
/// Like libldap, a filter without its outer parentheses (`uid=a`) is taken as if it had them.
/// Extensible matches (`attr:dn:rule:=value`) are refused.
public struct LDAPFilterParser {
    public static let maxLength = 64 * 1024
    public static let maxDepth = 32

    private let bytes: [UInt8]
    private var position = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    public static func parse(_ text: String) throws(LDAPSyntaxError) -> LDAPFilter {
        guard text.utf8.count <= maxLength else { throw LDAPSyntaxError(.filter, "longer than \(maxLength) bytes") }
        let wrapped = text.hasPrefix("(") ? text : "(" + text + ")"
        var parser = LDAPFilterParser(wrapped)
        let filter = try parser.filter(depth: 0)
        guard parser.position == parser.bytes.count else { throw parser.error("unexpected text after the filter") }
        return filter
    }

    //  filter     = LPAREN filtercomp RPAREN
    //  filtercomp = and / or / not / item
    //  and        = AMPERSAND filterlist
    //  or         = VERTBAR filterlist
    //  not        = EXCLAMATION filter
    //  filterlist = 1*filter
    private mutating func filter(depth: Int) throws(LDAPSyntaxError) -> LDAPFilter {
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) deep") }
        try expect(UInt8(ascii: "("))
        let result: LDAPFilter
        switch peek() {
        case UInt8(ascii: "&"):
            position += 1
            result = .and(try filterList(depth: depth))
        case UInt8(ascii: "|"):
            position += 1
            result = .or(try filterList(depth: depth))
        case UInt8(ascii: "!"):
            position += 1
            result = .not(try filter(depth: depth + 1))
        default:
            result = try item()
        }
        try expect(UInt8(ascii: ")"))
        return result
    }

    private mutating func filterList(depth: Int) throws(LDAPSyntaxError) -> [LDAPFilter] {
        var filters: [LDAPFilter] = []
        while peek() == UInt8(ascii: "(") { filters.append(try filter(depth: depth + 1)) }
        guard !filters.isEmpty else { throw error("'&' or '|' without a filter") }
        return filters
    }

    //  item       = simple / present / substring / extensible
    //  simple     = attr filtertype assertionvalue
    //  filtertype = EQUALS / approx ("~=") / greaterorequal (">=") / lessorequal ("<=")
    //  present    = attr EQUALS ASTERISK
    //  substring  = attr EQUALS [initial] any [final]
    //  any        = ASTERISK *(assertionvalue ASTERISK)
    private mutating func item() throws(LDAPSyntaxError) -> LDAPFilter {
        let attribute = try attributeDescription()
        switch peek() {
        case UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "<"):
            let operation = bytes[position]
            position += 1
            try expect(UInt8(ascii: "="))
            let value = try assertionValue()
            switch operation {
            case UInt8(ascii: "~"): return .approxMatch(attribute: attribute, value: value)
            case UInt8(ascii: ">"): return .greaterOrEqual(attribute: attribute, value: value)
            default: return .lessOrEqual(attribute: attribute, value: value)
            }
        case UInt8(ascii: "="):
            position += 1
            return try equalityOrSubstrings(attribute)
        case UInt8(ascii: ":"):
            throw error("extensible match filters are not supported")
        default:
            throw error("expected '=', '~=', '>=' or '<=' after the attribute '\(attribute)'")
        }
    }

    private mutating func equalityOrSubstrings(_ attribute: String) throws(LDAPSyntaxError) -> LDAPFilter {
        var pieces = [try assertionValue()]
        while peek() == UInt8(ascii: "*") {
            position += 1
            pieces.append(try assertionValue())
        }
        if pieces.count == 1 { return .equalityMatch(attribute: attribute, value: pieces[0]) }
        if pieces.count == 2 && pieces[0].isEmpty && pieces[1].isEmpty { return .present(attribute: attribute) }
        let middle = pieces[1..<(pieces.count - 1)]
        guard !middle.contains(where: \.isEmpty) else { throw error("'**' in a substring filter") }
        return .substrings(
            attribute: attribute, initial: pieces.first!.isEmpty ? nil : pieces.first!, any: Array(middle),
            final: pieces.last!.isEmpty ? nil : pieces.last!)
    }

    //  attr        = attributedescription  ; keystring or numericoid, then *( SEMI option )
    private mutating func attributeDescription() throws(LDAPSyntaxError) -> String {
        let start = position
        while let byte = peek(),
            byte.isLetterOrDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ";")
        {
            position += 1
        }
        guard position > start else { throw error("expected an attribute description") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    //  assertionvalue = valueencoding
    //  valueencoding  = 0*(normal / escaped)
    //  normal         = UTF1SUBSET / UTFMB     ; anything but NUL, "(", ")", "*", "\"
    //  escaped        = ESC HEX HEX
    private mutating func assertionValue() throws(LDAPSyntaxError) -> [UInt8] {
        var value: [UInt8] = []
        while let byte = peek(), byte != UInt8(ascii: "("), byte != UInt8(ascii: ")"), byte != UInt8(ascii: "*") {
            guard byte != 0 else { throw error("NUL in a value") }
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                value.append(byte)
                continue
            }
            guard position + 2 <= bytes.count, let high = Self.hex(bytes[position]),
                let low = Self.hex(bytes[position + 1])
            else { throw error("'\\' must be followed by two hex digits") }
            value.append(high << 4 | low)
            position += 2
        }
        return value
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func expect(_ byte: UInt8) throws(LDAPSyntaxError) {
        guard peek() == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    private func error(_ text: String) -> LDAPSyntaxError {
        LDAPSyntaxError(.filter, "\(text) at offset \(max(0, position - 1))")
    }
}

extension UInt8 {
    fileprivate var isLetterOrDigit: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }
}
