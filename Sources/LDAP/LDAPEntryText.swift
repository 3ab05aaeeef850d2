import Codec

/// curl's output for a search (its OpenLDAP backend): per entry a `DN: <dn>` line, then one
/// line per value, `<TAB><attr>: <value>`, or `<TAB><attr>:: <base64>` when the attribute is
/// `;binary` or the value has a byte outside 0x20-0x7E or starts or ends with a blank; then a
/// blank line. One difference: a DN that is not UTF-8 text free of control characters (C0,
/// DEL, C1) is shown as `DN:: <base64>`, so that a server can neither forge lines of the output
/// nor drive the terminal. Attribute types are checked when the entry is decoded.
public enum LDAPEntryText {
    public static func render(_ entry: SearchResultEntry, into out: inout [UInt8]) {
        if !isPlainText(entry.objectName) {
            out.append(contentsOf: "DN:: ".utf8)
            out.append(contentsOf: Base64.encode(entry.objectName).utf8)
        } else {
            out.append(contentsOf: "DN: ".utf8)
            out.append(contentsOf: entry.objectName)
        }
        out.append(0x0A)
        entry.attributeList.forEach { type, values in
            let forced = type.count > 7 && type.suffix(7).elementsEqual(";binary".utf8)
            while let value = values.next() {
                out.append(0x09)
                out.append(contentsOf: type)
                if forced || needsBase64(value) {
                    out.append(contentsOf: ":: ".utf8)
                    out.append(contentsOf: Base64.encode(value).utf8)
                } else {
                    out.append(contentsOf: ": ".utf8)
                    out.append(contentsOf: value)
                }
                out.append(0x0A)
            }
        }
        out.append(0x0A)
    }

    /// UTF-8 text without C0 controls, DEL or C1 controls (U+0080-U+009F, which terminals may
    /// take as CSI and the like).
    static func isPlainText(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        return !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// curl's test: a blank (space or tab) at either end, or a byte that is not printable ASCII.
    public static func needsBase64(_ value: some BidirectionalCollection<UInt8>) -> Bool {
        if let first = value.first, first == 0x20 || first == 0x09 { return true }
        if let last = value.last, last == 0x20 || last == 0x09 { return true }
        return value.contains { $0 < 0x20 || $0 > 0x7E }
    }
}
