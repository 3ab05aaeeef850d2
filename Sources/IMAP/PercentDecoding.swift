/// RFC 3986 percent-decoding of URL parts as curl does it (`Curl_urldecode`): `%XX` with two
/// hex digits is decoded, any other `%` is kept as it is; with curl's REJECT_CTRL rule, a
/// control character (a `%0D%0A` that would split a command) is refused.
enum PercentDecoding {
    /// - Throws: `IMAPError(.badURL)` for a control character (C0 or DEL) after decoding.
    static func decode(_ text: some StringProtocol, what: String) throws(IMAPError) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            var byte = bytes[i]
            if byte == .percent, i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
                byte = high << 4 | low
                i += 3
            } else {
                i += 1
            }
            guard !byte.isControl else {
                throw IMAPError(.badURL, "The URL's \(what) holds a control character")
            }
            out.append(byte)
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
