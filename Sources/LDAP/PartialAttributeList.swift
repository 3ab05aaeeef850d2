/// The attributes of one entry as they came on the wire (RFC 4511 section 4.5.2), checked once
/// when the entry is decoded and then walked in place: printing an entry allocates nothing
/// per attribute or value, which is most of what a large search costs the client.
//  PartialAttributeList ::= SEQUENCE OF partialAttribute PartialAttribute
//  PartialAttribute ::= SEQUENCE { type AttributeDescription, vals SET OF value AttributeValue }
public struct PartialAttributeList: Sendable {
    /// The contents of the SEQUENCE OF, already checked by `init(checking:limits:depth:)`.
    public let encoded: ArraySlice<UInt8>

    /// Values of all attributes of one entry together: a group of a million members fits.
    public static let maxValues = 1_000_000

    /// Checks `contents` (the list's content octets, at nesting `depth`) as `BERReader` would:
    /// every length within its enclosing element, the tags, nesting under `limits.maxDepth`,
    /// at most `maxValues` values, and each type an attribute description.
    init(checking contents: ArraySlice<UInt8>, limits: BERLimits, depth: Int) throws(BERError) {
        // withUnsafeBytes rethrows untyped errors: the typed one is carried out by hand.
        var failure: BERError?
        contents.withUnsafeBytes { raw in
            do throws(BERError) { try Self.check(raw, limits: limits, depth: depth) } catch { failure = error }
        }
        if let failure { throw failure }
        encoded = contents
    }

    private static func check(_ raw: UnsafeRawBufferPointer, limits: BERLimits, depth: Int) throws(BERError) {
        var valueCount = 0
        var list = BERCursor(raw, maxLength: limits.maxMessageSize)
        while !list.isAtEnd {
            // Attribute and value set: two levels below the list.
            guard depth + 2 <= limits.maxDepth else {
                throw BERError(.tooDeep, "elements nested more than \(limits.maxDepth) deep")
            }
            var attribute = try list.enter(BERTag.sequence, "PartialAttribute")
            let type = try attribute.read(BERTag.octetString, "AttributeDescription")
            try SearchResultEntry.checkAttributeDescription(type)
            var set = try attribute.enter(BERTag.set, "vals")
            while !set.isAtEnd {
                _ = try set.read(BERTag.octetString, "AttributeValue")
                valueCount += 1
                // Printing walks the values again, so the bound is on the walk, not on memory.
                guard valueCount <= Self.maxValues else {
                    throw BERError(.tooLarge, "an entry with more than \(Self.maxValues) attribute values")
                }
            }
            guard attribute.isAtEnd else {
                throw BERError(.malformed, "PartialAttribute: unexpected data after its last element")
            }
        }
    }

    /// The list of `attributes`, encoded as a server would send it.
    init(_ attributes: [SearchResultEntry.Attribute]) {
        encoded = ArraySlice(
            attributes.flatMap { attribute in
                BERWriter.constructed(
                    BERTag.sequence,
                    [
                        BERWriter.octetString(attribute.type),
                        BERWriter.constructed(BERTag.set, attribute.values.map { BERWriter.octetString($0) }),
                    ])
            })
    }

    /// Calls `body` once per attribute with its type and a walk over its values; the buffers
    /// are valid only during the call.
    public func forEach(
        _ body: (_ type: UnsafeRawBufferPointer, _ values: inout Values) throws -> Void
    ) rethrows {
        try encoded.withUnsafeBytes { raw in
            var list = BERCursor(raw, maxLength: Int.max)
            while let (_, attributeRange) = list.nextChecked() {
                var attribute = BERCursor(UnsafeRawBufferPointer(rebasing: raw[attributeRange]), maxLength: Int.max)
                guard let (_, typeRange) = attribute.nextChecked(), let (_, setRange) = attribute.nextChecked() else {
                    return
                }
                let type = UnsafeRawBufferPointer(rebasing: attribute.bytes[typeRange])
                var values = Values(UnsafeRawBufferPointer(rebasing: attribute.bytes[setRange]))
                try body(type, &values)
            }
        }
    }

    /// The values of one attribute, in order; each buffer is valid during the enclosing call.
    public struct Values: IteratorProtocol {
        private var set: BERCursor
        init(_ set: UnsafeRawBufferPointer) { self.set = BERCursor(set, maxLength: Int.max) }

        public mutating func next() -> UnsafeRawBufferPointer? {
            guard let (_, range) = set.nextChecked() else { return nil }
            return UnsafeRawBufferPointer(rebasing: set.bytes[range])
        }
    }
}

/// Walks BER elements in memory without reference counting: `PartialAttributeList`'s checks
/// and its walks. Lengths are checked as `BERReader` checks them.
struct BERCursor {
    let bytes: UnsafeRawBufferPointer
    let maxLength: Int
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer, maxLength: Int) {
        self.bytes = bytes
        self.maxLength = maxLength
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func next() throws(BERError) -> (tag: UInt8, content: Range<Int>) {
        let rest = UnsafeRawBufferPointer(rebasing: bytes[position...])
        guard case .header(let header) = try BERHeader.parse(rest, maxLength: maxLength) else {
            throw BERError(.malformed, "an element is cut short")
        }
        guard header.totalLength <= rest.count else {
            throw BERError(.malformed, "an element of \(header.contentLength) bytes runs past its enclosing one")
        }
        let start = position + header.headerLength
        position = start + header.contentLength
        return (header.tag, start..<position)
    }

    /// The next element of bytes already checked; nil at the end (or, never expected, on an error).
    mutating func nextChecked() -> (tag: UInt8, content: Range<Int>)? {
        isAtEnd ? nil : try? next()
    }

    mutating func read(_ tag: UInt8, _ what: String) throws(BERError) -> UnsafeRawBufferPointer {
        let (found, range) = try next()
        guard found == tag else {
            throw BERError(
                .malformed,
                "expected \(what) (tag 0x\(String(tag, radix: 16))), found tag 0x\(String(found, radix: 16))")
        }
        return UnsafeRawBufferPointer(rebasing: bytes[range])
    }

    mutating func enter(_ tag: UInt8, _ what: String) throws(BERError) -> BERCursor {
        BERCursor(try read(tag, what), maxLength: maxLength)
    }
}
