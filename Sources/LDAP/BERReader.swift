/// Reads the elements of one complete BER value (an LDAPMessage the framer has read whole):
/// here a short element is malformed, not "need more". Nesting is bounded by
/// `BERLimits.maxDepth`; every length is checked against what is left.
public struct BERReader {
    public let bytes: ArraySlice<UInt8>
    public private(set) var position: Int
    public let depth: Int
    public let limits: BERLimits

    public init(_ bytes: ArraySlice<UInt8>, limits: BERLimits = .standard, depth: Int = 0) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.depth = depth
        self.limits = limits
    }

    public init(_ bytes: [UInt8], limits: BERLimits = .standard) {
        self.init(bytes[...], limits: limits)
    }

    public var isAtEnd: Bool { position == bytes.endIndex }

    /// The tag of the next element, nil at the end.
    public var nextTag: UInt8? { isAtEnd ? nil : bytes[position] }

    /// The next element: its tag and content octets.
    public mutating func readElement() throws(BERError) -> (tag: UInt8, content: ArraySlice<UInt8>) {
        let rest = bytes[position...]
        guard case .header(let header) = try BERHeader.parse(rest, maxLength: limits.maxMessageSize) else {
            throw BERError(.malformed, "an element is cut short")
        }
        guard header.totalLength <= rest.count else {
            throw BERError(.malformed, "an element of \(header.contentLength) bytes runs past its enclosing one")
        }
        let contentStart = position + header.headerLength
        position = contentStart + header.contentLength
        return (header.tag, bytes[contentStart..<position])
    }

    /// The content of the next element, which must carry `tag`.
    public mutating func read(_ tag: UInt8, _ what: String) throws(BERError) -> ArraySlice<UInt8> {
        let element = try readElement()
        guard element.tag == tag else {
            throw BERError(
                .malformed,
                "expected \(what) (tag 0x\(String(tag, radix: 16))), found tag 0x\(String(element.tag, radix: 16))")
        }
        return element.content
    }

    /// A reader over the next constructed element's contents, one level deeper.
    public mutating func enter(_ tag: UInt8, _ what: String) throws(BERError) -> BERReader {
        let content = try read(tag, what)
        guard depth + 1 <= limits.maxDepth else {
            throw BERError(.tooDeep, "elements nested more than \(limits.maxDepth) deep")
        }
        return BERReader(content, limits: limits, depth: depth + 1)
    }

    //  INTEGER (X.690 8.3): two's complement, big-endian, at least one octet.
    public mutating func readInteger(tag: UInt8 = BERTag.integer, _ what: String) throws(BERError) -> Int64 {
        try Self.integer(try read(tag, what), what)
    }

    public static func integer(_ content: ArraySlice<UInt8>, _ what: String) throws(BERError) -> Int64 {
        guard !content.isEmpty, content.count <= 8 else {
            throw BERError(.malformed, "\(what): an integer of \(content.count) octets")
        }
        var value: Int64 = content.first! >= 0x80 ? -1 : 0
        for byte in content { value = value << 8 | Int64(byte) }
        return value
    }

    //  BOOLEAN (X.690 8.2): one octet, zero is FALSE.
    public mutating func readBoolean(_ what: String) throws(BERError) -> Bool {
        let content = try read(BERTag.boolean, what)
        guard content.count == 1 else { throw BERError(.malformed, "\(what): a boolean of \(content.count) octets") }
        return content.first! != 0
    }

    public mutating func readOctetString(tag: UInt8 = BERTag.octetString, _ what: String) throws(BERError) -> [UInt8] {
        Array(try read(tag, what))
    }

    /// Fails when elements are left over where none may be.
    public func expectEnd(_ what: String) throws(BERError) {
        guard isAtEnd else { throw BERError(.malformed, "\(what): unexpected data after its last element") }
    }
}
