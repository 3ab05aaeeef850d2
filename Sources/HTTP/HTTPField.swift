/// One header field of a response, as RFC 9110 section 5 defines it.
public struct HTTPField: Sendable, Equatable {
    /// As the server spelled it; compare with `matches(_:)`, names are case-insensitive.
    public var name: String
    /// Without surrounding whitespace; obs-fold continuation lines joined with one SP. Bytes,
    /// because servers send obs-text (RFC 9110 5.5) that need not be UTF-8.
    public var value: [UInt8]

    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    public var valueString: String { String(decoding: value, as: UTF8.self) }

    public func matches(_ other: String) -> Bool {
        name.utf8.count == other.utf8.count && name.lowercased() == other.lowercased()
    }

    //  field-line  = field-name ":" OWS field-value OWS
    //  field-name  = token
    //  field-value = *field-content      (NUL and CR refused: RFC 9110 5.5)
    static func parse(line: [UInt8]) throws -> HTTPField {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            line[..<colon].allSatisfy(HTTPField.isTokenByte)
        else {
            throw HTTPError.malformed("Invalid header line in response: no field name before ':'")
        }
        let value = trimmingWhitespace(line[(colon + 1)...])
        guard !value.contains(where: { $0 == 0 || $0 == 0x0D }) else {
            throw HTTPError.malformed("Invalid header field value in response (NUL or CR)")
        }
        return HTTPField(name: String(decoding: line[..<colon], as: UTF8.self), value: Array(value))
    }

    //  tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    //        / DIGIT / ALPHA
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    //  OWS = *( SP / HTAB )
    static func trimmingWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }
}
