/// A search filter (RFC 4511 section 4.5.1.7), as parsed from RFC 4515 text.
public indirect enum LDAPFilter: Equatable, Sendable {
    case and([LDAPFilter])
    case or([LDAPFilter])
    case not(LDAPFilter)
    case equalityMatch(attribute: String, value: [UInt8])
    case substrings(attribute: String, initial: [UInt8]?, any: [[UInt8]], final: [UInt8]?)
    case greaterOrEqual(attribute: String, value: [UInt8])
    case lessOrEqual(attribute: String, value: [UInt8])
    case present(attribute: String)
    case approxMatch(attribute: String, value: [UInt8])

    /// The filter RFC 4516 uses when a URL gives none.
    public static let everything = LDAPFilter.present(attribute: "objectClass")

    //  Filter ::= CHOICE {
    //       and             [0] SET SIZE (1..MAX) OF filter Filter,
    //       or              [1] SET SIZE (1..MAX) OF filter Filter,
    //       not             [2] Filter,
    //       equalityMatch   [3] AttributeValueAssertion,
    //       substrings      [4] SubstringFilter,
    //       greaterOrEqual  [5] AttributeValueAssertion,
    //       lessOrEqual     [6] AttributeValueAssertion,
    //       present         [7] AttributeDescription,
    //       approxMatch     [8] AttributeValueAssertion,
    //       extensibleMatch [9] MatchingRuleAssertion, ... }
    //  AttributeValueAssertion ::= SEQUENCE { attributeDesc AttributeDescription,
    //                                         assertionValue AssertionValue }
    public var encoded: [UInt8] {
        switch self {
        case .and(let filters): BERWriter.constructed(BERTag.context(0, constructed: true), filters.map(\.encoded))
        case .or(let filters): BERWriter.constructed(BERTag.context(1, constructed: true), filters.map(\.encoded))
        case .not(let filter): BERWriter.constructed(BERTag.context(2, constructed: true), [filter.encoded])
        case .equalityMatch(let attribute, let value): Self.assertion(3, attribute, value)
        case .substrings(let attribute, let initial, let any, let final):
            Self.substringFilter(attribute, initial: initial, any: any, final: final)
        case .greaterOrEqual(let attribute, let value): Self.assertion(5, attribute, value)
        case .lessOrEqual(let attribute, let value): Self.assertion(6, attribute, value)
        case .present(let attribute): BERWriter.octetString(attribute, tag: BERTag.context(7, constructed: false))
        case .approxMatch(let attribute, let value): Self.assertion(8, attribute, value)
        }
    }

    private static func assertion(_ number: UInt8, _ attribute: String, _ value: [UInt8]) -> [UInt8] {
        BERWriter.constructed(
            BERTag.context(number, constructed: true), [BERWriter.octetString(attribute), BERWriter.octetString(value)])
    }

    //  SubstringFilter ::= SEQUENCE {
    //       type           AttributeDescription,
    //       substrings     SEQUENCE SIZE (1..MAX) OF substring CHOICE {
    //            initial [0] AssertionValue,  -- can occur at most once
    //            any     [1] AssertionValue,
    //            final   [2] AssertionValue } -- can occur at most once }
    private static func substringFilter(
        _ attribute: String, initial: [UInt8]?, any: [[UInt8]], final: [UInt8]?
    ) -> [UInt8] {
        var parts: [[UInt8]] = []
        if let initial { parts.append(BERWriter.octetString(initial, tag: BERTag.context(0, constructed: false))) }
        for piece in any { parts.append(BERWriter.octetString(piece, tag: BERTag.context(1, constructed: false))) }
        if let final { parts.append(BERWriter.octetString(final, tag: BERTag.context(2, constructed: false))) }
        return BERWriter.constructed(
            BERTag.context(4, constructed: true),
            [BERWriter.octetString(attribute), BERWriter.constructed(BERTag.sequence, parts)])
    }
}
