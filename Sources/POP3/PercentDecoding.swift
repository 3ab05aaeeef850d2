/// Percent-decoding of the URL path and of `-X` as curl does it for POP3 (`Curl_urldecode` with
/// REJECT_CTRL): `%XX` with two hex digits becomes that byte, any other `%` stays as it is, and
/// a control character after decoding (a `%0D%0A` that would split a command) is refused.
enum PercentDecoding {
    /// - Throws: `POP3Error(.badURL)` for a C0 control character or DEL after decoding.
    static func decode(_ text: String, what: String) throws(POP3Error) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            var byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                byte = high << 4 | low
                i += 3
            } else {
                i += 1
            }
            guard !byte.isControl else {
                throw POP3Error(.badURL, "The \(what) holds a control character after percent-decoding")
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
