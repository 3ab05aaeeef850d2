/// The `v=VERSION; name=value; ...` grammar MTA-STS (RFC 8461 3.1) and TLS-RPT (RFC 8460 3)
/// records share: the version first, fields separated by `*WSP ";" *WSP`, an optional final
/// separator; names `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`, values of visible
/// ASCII (the extension grammar's `1*(%x21-3A / %x3C / %x3E-7E)`, plus the `=` and blanks of URIs).
public struct TXTField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

enum TXTFieldList {
    /// The longest record read (a TXT RRset fits in 64 KiB).
    static let maximumLength = 65_535

    /// The fields after `v=VERSION`; throws when the text does not follow the grammar.
    static func parse(_ text: String, version: String, record: String) throws(DNSRecordError) -> [TXTField] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { throw DNSRecordError(record, "over \(maximumLength) bytes") }
        var pieces = bytes.split(separator: 0x3B, omittingEmptySubsequences: false).map(trimmingWSP)
        guard bytes.first == 0x76, pieces.first.map({ Array($0) }) == Array("v=\(version)".utf8) else {
            throw DNSRecordError(record, "does not start with 'v=\(version)' and a ';'")
        }
        if pieces.count > 1, pieces.last!.isEmpty { pieces.removeLast() }
        guard pieces.count > 1 else { throw DNSRecordError(record, "no field after 'v=\(version)'") }
        var fields: [TXTField] = []
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: 0x3D) else {
                throw DNSRecordError(record, "field '\(DNSName.escaped(piece))' has no '='")
            }
            let name = piece[..<equals]
            let value = piece[(equals + 1)...]
            guard isFieldName(name) else { throw DNSRecordError(record, "bad field name '\(DNSName.escaped(name))'") }
            // Visible ASCII; `=` and blanks too, which a `rua` URI list may hold (RFC 8460 3).
            guard !value.isEmpty, value.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x09 }) else {
                throw DNSRecordError(record, "bad value of field '\(String(decoding: name, as: UTF8.self))'")
            }
            fields.append(
                TXTField(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }
        return fields
    }

    /// RFC 8461 3.1 / RFC 8460 3: of the TXT records at the name, those starting with
    /// `v=VERSION` are kept; there must be exactly one, else the domain has no policy.
    static func select(_ texts: [String], version: String) -> [String] {
        texts.filter { text in
            let prefix = "v=\(version)"
            guard text.hasPrefix(prefix) else { return false }
            let rest = text.utf8.dropFirst(prefix.utf8.count)
            return rest.first.map { $0 == 0x3B || $0 == 0x20 || $0 == 0x09 } ?? false
        }
    }

    static func isFieldName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first, isAlphaDigit(first), name.count <= 32 else { return false }
        return name.allSatisfy { isAlphaDigit($0) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
    }

    static func isAlphaDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func trimmingWSP(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }
}
