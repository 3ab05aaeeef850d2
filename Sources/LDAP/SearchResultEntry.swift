/// One entry of a search's results (RFC 4511 section 4.5.2). Names and values are slices of
/// the message they came in (no copy per value): keep what outlives the message as arrays.
public struct SearchResultEntry: Equatable, Sendable {
    public struct Attribute: Equatable, Sendable {
        public var type: ArraySlice<UInt8>
        public var values: [ArraySlice<UInt8>]

        public init(type: ArraySlice<UInt8>, values: [ArraySlice<UInt8>]) {
            self.type = type
            self.values = values
        }

        public init(type: [UInt8], values: [[UInt8]]) {
            self.init(type: type[...], values: values.map { $0[...] })
        }
    }

    public var objectName: ArraySlice<UInt8>
    /// The attributes as they came, walked in place by `LDAPEntryText`.
    public var attributeList: PartialAttributeList

    public init(objectName: some Collection<UInt8>, attributes: [Attribute]) {
        self.objectName = ArraySlice(objectName)
        self.attributeList = PartialAttributeList(attributes)
    }

    /// The attributes as values (each a copy): for tests and callers that keep an entry.
    public var attributes: [Attribute] {
        var result: [Attribute] = []
        attributeList.forEach { type, values in
            var copies: [ArraySlice<UInt8>] = []
            while let value = values.next() { copies.append(ArraySlice(value)) }
            result.append(Attribute(type: ArraySlice(type), values: copies))
        }
        return result
    }

    public static func == (lhs: SearchResultEntry, rhs: SearchResultEntry) -> Bool {
        lhs.objectName == rhs.objectName && lhs.attributes == rhs.attributes
    }

    //  SearchResultEntry ::= [APPLICATION 4] SEQUENCE {
    //       objectName      LDAPDN,
    //       attributes      PartialAttributeList }
    static func read(_ reader: inout BERReader) throws(BERError) -> SearchResultEntry {
        let name = try reader.read(BERTag.octetString, "objectName")
        let list = try reader.enter(BERTag.sequence, "PartialAttributeList")
        let attributes = try PartialAttributeList(checking: list.bytes, limits: list.limits, depth: list.depth)
        try reader.expectEnd("SearchResultEntry")
        return SearchResultEntry(objectName: name, attributeList: attributes)
    }

    init(objectName: ArraySlice<UInt8>, attributeList: PartialAttributeList) {
        self.objectName = objectName
        self.attributeList = attributeList
    }

    /// The type is written as it is before each value (`LDAPEntryText`), so it must be what
    /// RFC 4512 section 2.5 allows (`attributedescription`: letters, digits, `-`, `.`, `;`),
    /// loosened to any printable ASCII but a blank and `:` for legacy schemas (`_`). A line
    /// end, an escape sequence or a colon in it could forge lines of the output.
    static func checkAttributeDescription(_ type: UnsafeRawBufferPointer) throws(BERError) {
        guard !type.isEmpty, type.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw BERError(.malformed, "an attribute type that is not an attribute description")
        }
    }
}
