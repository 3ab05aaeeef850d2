/// The identifier and length octets of one BER element (X.690 section 8.1), read without its
/// contents, so that a framer knows how many bytes one LDAPMessage takes before reading them.
public struct BERHeader: Equatable, Sendable {
    /// The identifier octet: class, constructed bit and a tag number below 31 (LDAP uses no
    /// other: RFC 4511 never needs the high-tag-number form).
    public let tag: UInt8
    /// Identifier and length octets.
    public let headerLength: Int
    /// Content octets.
    public let contentLength: Int

    public var totalLength: Int { headerLength + contentLength }
    public var isConstructed: Bool { tag & 0x20 != 0 }

    public init(tag: UInt8, headerLength: Int, contentLength: Int) {
        self.tag = tag
        self.headerLength = headerLength
        self.contentLength = contentLength
    }

    /// What a prefix of the input says about its first element.
    public enum Parse: Equatable, Sendable {
        /// The prefix ends inside the identifier or length octets: read at least one more byte.
        case needMore
        case header(BERHeader)
    }

    /// Parses the header of the element at the start of `bytes`.
    /// - Throws: `BERError` for bytes no LDAP peer may send (RFC 4511 section 5.1: definite
    ///   lengths only) and for a length over `maxLength`.
    //  identifier = class(2 bits) constructed(1 bit) tag-number(5 bits, < 31)
    //  length     = %x00-7F                      ; short form
    //             / %x81-84 1*4OCTET              ; long form, at most 4 length octets
    public static func parse(_ bytes: some Collection<UInt8>, maxLength: Int) throws(BERError) -> Parse {
        var index = bytes.startIndex
        guard index != bytes.endIndex else { return .needMore }
        let tag = bytes[index]
        guard tag & 0x1F != 0x1F else {
            throw BERError(.malformed, "tag 0x\(String(tag, radix: 16)) uses the high-tag-number form")
        }
        index = bytes.index(after: index)
        guard index != bytes.endIndex else { return .needMore }
        let first = bytes[index]
        index = bytes.index(after: index)
        if first < 0x80 {
            return try checked(tag: tag, headerLength: 2, length: Int(first), maxLength: maxLength)
        }
        guard first != 0x80 else { throw BERError(.malformed, "indefinite length (not allowed in LDAP)") }
        let count = Int(first & 0x7F)
        guard count <= 4 else { throw BERError(.tooLarge, "length of \(count) octets") }
        var length = 0
        for _ in 0..<count {
            guard index != bytes.endIndex else { return .needMore }
            length = length << 8 | Int(bytes[index])
            index = bytes.index(after: index)
        }
        return try checked(tag: tag, headerLength: 2 + count, length: length, maxLength: maxLength)
    }

    private static func checked(tag: UInt8, headerLength: Int, length: Int, maxLength: Int) throws(BERError) -> Parse {
        guard length <= maxLength else {
            throw BERError(.tooLarge, "an element of \(length) bytes (limit \(maxLength))")
        }
        return .header(BERHeader(tag: tag, headerLength: headerLength, contentLength: length))
    }
}
