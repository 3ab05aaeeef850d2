/// RFC 3986 section 2.1 percent-encoding, on bytes: user names, passwords and mailbox names may
/// hold any octet, so decoding yields bytes and the caller decides what text they are.
public enum PercentEncoding {
    /// Decodes `%XX` escapes; every other byte is kept as it is.
    /// - Throws: `CurlURLError` (malformed) for a `%` not followed by two hex digits.
    public static func decode(_ text: some StringProtocol) throws(CurlURLError) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                    throw CurlURLError.badPercentEncoding
                }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// curl's `Curl_urldecode` with REJECT_CTRL, for the URL parts a protocol takes apart itself
    /// (IMAP's `;UID=`, POP3's message number, a `-X` request): `%XX` with two hex digits is
    /// decoded and any other `%` stays as it is. Nil when the result holds a control character
    /// (C0 or DEL): a `%0D%0A` would otherwise end one command and start another.
    public static func decodeLeniently(_ text: some StringProtocol) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            var byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hexValue(bytes[i + 1]),
                let low = hexValue(bytes[i + 2])
            {
                byte = high << 4 | low
                i += 3
            } else {
                i += 1
            }
            guard byte >= 0x20 && byte != 0x7F else { return nil }
            out.append(byte)
        }
        return out
    }

    /// Encodes every byte for which `keep` is false as `%XX` (upper-case hex, RFC 3986 2.1).
    public static func encode(_ bytes: some Sequence<UInt8>, keeping keep: (UInt8) -> Bool = isUnreserved) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            if keep(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
