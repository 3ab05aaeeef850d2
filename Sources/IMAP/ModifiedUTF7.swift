/// The mailbox name encoding of IMAP4rev1 (RFC 3501 section 5.1.3): printable ASCII stands for
/// itself except `&`, written `&-`; every other character is UTF-16 in a base64 variant (`,`
/// for `/`, no padding) between `&` and `-`.
//  (RFC 3501 5.1.3, in words:)
//  "&" shifts to modified BASE64, "-" shifts back; "&-" is "&".
//  Printable US-ASCII (0x20-0x7E) other than "&" MUST represent itself.
//  Modified BASE64 MUST NOT be used for printable US-ASCII, and a shift to BASE64 directly
//  after a shift back ("-&") is superfluous and not permitted.
public enum ModifiedUTF7 {
    /// Encodes `text` (any Unicode) for the wire.
    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            out.append(.ampersand)
            out += base64(pending)
            out.append(.minus)
            pending.removeAll()
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out.append(UInt8(scalar.value))
                if scalar == "&" { out.append(.minus) }
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }

    /// Decodes a wire name; nil when it is not valid modified UTF-7 (a byte outside printable
    /// ASCII, an unterminated shift, bits left over, a lone surrogate, printable ASCII or a
    /// superfluous shift inside base64).
    public static func decode(_ bytes: some Collection<UInt8>) -> String? {
        let input = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var i = 0
        var lastRunEnd = -1
        while i < input.count {
            let byte = input[i]
            guard byte >= 0x20 && byte <= 0x7E else { return nil }
            guard byte == .ampersand else {
                scalars.append(Unicode.Scalar(byte))
                i += 1
                continue
            }
            guard let dash = input[(i + 1)...].firstIndex(of: .minus) else { return nil }
            if dash == i + 1 {
                scalars.append("&")
                i += 2
                continue
            }
            if lastRunEnd == i { return nil }  // "-&": superfluous shift
            guard let units = decodeBase64(input[(i + 1)..<dash]) else { return nil }
            var iterator = units.makeIterator()
            var utf16 = UTF16()
            loop: while true {
                switch utf16.decode(&iterator) {
                case .scalarValue(let scalar):
                    if scalar.value >= 0x20 && scalar.value <= 0x7E { return nil }
                    scalars.append(scalar)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            i = dash + 1
            lastRunEnd = i
        }
        return String(scalars)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    private static func base64(_ units: [UInt16]) -> [UInt8] {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for unit in units {
            buffer = (buffer << 16) | UInt32(unit)
            bits += 16
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x3F)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(6 - bits)) & 0x3F)]) }
        return out
    }

    private static func decodeBase64(_ chars: ArraySlice<UInt8>) -> [UInt16]? {
        var units: [UInt16] = []
        var buffer: UInt32 = 0
        var bits = 0
        for char in chars {
            let value: UInt32
            switch char {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(char - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(char - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(char - UInt8(ascii: "0")) + 52
            case .plus: value = 62
            case .comma: value = 63
            default: return nil
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 16 {
                bits -= 16
                units.append(UInt16((buffer >> UInt32(bits)) & 0xFFFF))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        // Fewer than 6 bits may be left, and they must be zero.
        guard bits < 6, buffer == 0, !units.isEmpty else { return nil }
        return units
    }
}
