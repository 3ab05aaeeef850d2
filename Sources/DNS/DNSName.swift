/// Domain names (RFC 1035 3.1, RFC 2181 11): checking a name to ask for, reading one from rdata.
/// Names are given in presentation form with the final dot ("mx.example.", the root is ".").
public enum DNSName {
    public static let maximumWireLength = 255
    public static let maximumLabelLength = 63

    /// `name` as a question: absolute (final dot added), every label 1 to 63 bytes, 255 bytes in
    /// wire form at most, no spaces, control characters or backslash escapes.
    public static func question(_ name: String) throws(DNSError) -> String {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty else { throw DNSError(.invalidName, "empty domain name") }
        if bytes == [0x2E] { return "." }
        let relative = bytes.last == 0x2E ? bytes.dropLast() : bytes[...]
        guard relative.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != 0x5C }) else {
            throw DNSError(
                .invalidName, "domain name '\(escaped(bytes[...]))' has a space, control character or backslash")
        }
        let labels = relative.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= maximumLabelLength }) else {
            throw DNSError(.invalidName, "domain name '\(escaped(bytes[...]))' has an empty label or one over 63 bytes")
        }
        guard relative.count + 2 <= maximumWireLength else {
            throw DNSError(.invalidName, "domain name '\(escaped(bytes[...]))' is over 255 bytes in wire form")
        }
        return String(decoding: relative, as: UTF8.self) + "."
    }

    /// Reads an uncompressed name at the start of `rdata` (as libunbound gives rdata: names in
    /// rdata are never compressed there). Returns it and its wire length. Bytes outside letters,
    /// digits, `-`, `_` and `*` are written `\DDD` (RFC 1035 5.1), so the result is printable.
    public static func read(
        _ rdata: ArraySlice<UInt8>, record: String
    ) throws(DNSRecordError) -> (
        name: String, length: Int
    ) {
        var index = rdata.startIndex
        var text = ""
        while true {
            guard index < rdata.endIndex else { throw DNSRecordError(record, "domain name runs past the data") }
            let length = Int(rdata[index])
            guard length & 0xC0 == 0 else {
                throw DNSRecordError(record, "compressed or extended label (0x\(String(length, radix: 16)))")
            }
            index += 1
            if length == 0 { break }
            guard rdata.endIndex - index >= length else { throw DNSRecordError(record, "label runs past the data") }
            text += escaped(rdata[index..<index + length]) + "."
            index += length
            guard index - rdata.startIndex <= maximumWireLength else {
                throw DNSRecordError(record, "domain name over 255 bytes")
            }
        }
        return (text.isEmpty ? "." : text, index - rdata.startIndex)
    }

    /// Case-insensitive comparison of two names (ASCII letters only, RFC 4343), final dot optional.
    public static func equal(_ a: String, _ b: String) -> Bool {
        func canonical(_ s: String) -> [UInt8] {
            var bytes = Array(s.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if bytes.count > 1, bytes.last == 0x2E { bytes.removeLast() }
            return bytes
        }
        return canonical(a) == canonical(b)
    }

    /// A label's bytes in presentation form: `\DDD` for anything but letters, digits, - _ *.
    static func escaped(_ label: ArraySlice<UInt8>) -> String {
        var text = ""
        for byte in label {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2A:
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }
}
