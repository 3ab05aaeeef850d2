/// A search (RFC 4511 section 4.5.1): where, how deep, which entries, which attributes.
public struct SearchRequest: Equatable, Sendable {
    /// `scope ENUMERATED`; RFC 4516 names them `base`, `one` and `sub`.
    public enum Scope: Int64, Sendable, CaseIterable {
        case baseObject = 0
        case singleLevel = 1
        case wholeSubtree = 2

        /// The RFC 4516 URL name.
        public var urlName: String {
            switch self {
            case .baseObject: "base"
            case .singleLevel: "one"
            case .wholeSubtree: "sub"
            }
        }
    }

    public var baseObject: String
    public var scope: Scope
    public var filter: LDAPFilter
    /// Empty: all user attributes (RFC 4511 section 4.5.1.8).
    public var attributes: [String]
    /// 0: no client-side limit.
    public var sizeLimit: Int64
    public var timeLimit: Int64
    public var typesOnly: Bool

    public init(
        baseObject: String, scope: Scope, filter: LDAPFilter, attributes: [String] = [], sizeLimit: Int64 = 0,
        timeLimit: Int64 = 0, typesOnly: Bool = false
    ) {
        self.baseObject = baseObject
        self.scope = scope
        self.filter = filter
        self.attributes = attributes
        self.sizeLimit = sizeLimit
        self.timeLimit = timeLimit
        self.typesOnly = typesOnly
    }

    //  SearchRequest ::= [APPLICATION 3] SEQUENCE {
    //       baseObject      LDAPDN,
    //       scope           ENUMERATED { baseObject (0), singleLevel (1), wholeSubtree (2), ... },
    //       derefAliases    ENUMERATED { neverDerefAliases (0), ... },
    //       sizeLimit       INTEGER (0 ..  maxInt),
    //       timeLimit       INTEGER (0 ..  maxInt),
    //       typesOnly       BOOLEAN,
    //       filter          Filter,
    //       attributes      AttributeSelection }
    //  AttributeSelection ::= SEQUENCE OF selector LDAPString
    var encoded: [UInt8] {
        BERWriter.constructed(
            BERTag.application(3, constructed: true),
            [
                BERWriter.octetString(baseObject),
                BERWriter.integer(scope.rawValue, tag: BERTag.enumerated),
                BERWriter.integer(0, tag: BERTag.enumerated),
                BERWriter.integer(sizeLimit),
                BERWriter.integer(timeLimit),
                BERWriter.boolean(typesOnly),
                filter.encoded,
                BERWriter.constructed(BERTag.sequence, attributes.map { BERWriter.octetString($0) }),
            ])
    }
}
