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
    public var attributes: [Attribute]

    public init(objectName: some Collection<UInt8>, attributes: [Attribute]) {
        self.objectName = ArraySlice(objectName)
        self.attributes = attributes
    }

    //  SearchResultEntry ::= [APPLICATION 4] SEQUENCE {
    //       objectName      LDAPDN,
    //       attributes      PartialAttributeList }
    //  PartialAttributeList ::= SEQUENCE OF partialAttribute PartialAttribute
    //  PartialAttribute ::= SEQUENCE { type AttributeDescription, vals SET OF value AttributeValue }
    /// Values of all attributes of one entry together: a group of a million members fits.
    public static let maxValuesPerEntry = 1_000_000

    static func read(_ reader: inout BERReader) throws(BERError) -> SearchResultEntry {
        let name = try reader.read(BERTag.octetString, "objectName")
        var list = try reader.enter(BERTag.sequence, "PartialAttributeList")
        var attributes: [Attribute] = []
        var valueCount = 0
        while !list.isAtEnd {
            var attribute = try list.enter(BERTag.sequence, "PartialAttribute")
            let type = try attribute.read(BERTag.octetString, "AttributeDescription")
            try checkAttributeDescription(type)
            var set = try attribute.enter(BERTag.set, "vals")
            var values: [ArraySlice<UInt8>] = []
            while !set.isAtEnd {
                values.append(try set.read(BERTag.octetString, "AttributeValue"))
                valueCount += 1
                // Each value costs a slice (32 bytes) however small it is on the wire: a message
                // of empty values would otherwise cost 16 times its size in memory.
                guard valueCount <= maxValuesPerEntry else {
                    throw BERError(.tooLarge, "an entry with more than \(maxValuesPerEntry) attribute values")
                }
            }
            try attribute.expectEnd("PartialAttribute")
            attributes.append(Attribute(type: type, values: values))
        }
        try reader.expectEnd("SearchResultEntry")
        return SearchResultEntry(objectName: name, attributes: attributes)
    }

    /// The type is written as it is before each value (`LDAPEntryText`), so it must be what
    /// RFC 4512 section 2.5 allows (`attributedescription`: letters, digits, `-`, `.`, `;`),
    /// loosened to any printable ASCII but a blank and `:` for legacy schemas (`_`). A line
    /// end, an escape sequence or a colon in it could forge lines of the output.
    static func checkAttributeDescription(_ type: ArraySlice<UInt8>) throws(BERError) {
        guard !type.isEmpty, type.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw BERError(.malformed, "an attribute type that is not an attribute description")
        }
    }
}
