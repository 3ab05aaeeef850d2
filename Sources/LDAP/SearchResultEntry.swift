/// One entry of a search's results (RFC 4511 section 4.5.2).
public struct SearchResultEntry: Equatable, Sendable {
    public struct Attribute: Equatable, Sendable {
        public var type: [UInt8]
        public var values: [[UInt8]]

        public init(type: [UInt8], values: [[UInt8]]) {
            self.type = type
            self.values = values
        }
    }

    public var objectName: [UInt8]
    public var attributes: [Attribute]

    public init(objectName: [UInt8], attributes: [Attribute]) {
        self.objectName = objectName
        self.attributes = attributes
    }

    //  SearchResultEntry ::= [APPLICATION 4] SEQUENCE {
    //       objectName      LDAPDN,
    //       attributes      PartialAttributeList }
    //  PartialAttributeList ::= SEQUENCE OF partialAttribute PartialAttribute
    //  PartialAttribute ::= SEQUENCE { type AttributeDescription, vals SET OF value AttributeValue }
    static func read(_ reader: inout BERReader) throws(BERError) -> SearchResultEntry {
        let name = try reader.readOctetString("objectName")
        var list = try reader.enter(BERTag.sequence, "PartialAttributeList")
        var attributes: [Attribute] = []
        while !list.isAtEnd {
            var attribute = try list.enter(BERTag.sequence, "PartialAttribute")
            let type = try attribute.readOctetString("AttributeDescription")
            var set = try attribute.enter(BERTag.set, "vals")
            var values: [[UInt8]] = []
            while !set.isAtEnd { values.append(try set.readOctetString("AttributeValue")) }
            try attribute.expectEnd("PartialAttribute")
            attributes.append(Attribute(type: type, values: values))
        }
        try reader.expectEnd("SearchResultEntry")
        return SearchResultEntry(objectName: name, attributes: attributes)
    }
}
