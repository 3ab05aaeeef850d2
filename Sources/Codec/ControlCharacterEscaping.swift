/// Makes peer-supplied text safe for a terminal: control characters (C0 but tab, DEL, C1) and
/// invalid UTF-8 become `\xNN`, so a server cannot move the cursor, retitle the window or hide text.
public enum ControlCharacterEscaping {
    public static func escape(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out = ""
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let length = validSequenceLength(input, at: i)
            guard length > 0 else {
                out += hex(input[i])
                i += 1
                continue
            }
            let scalar = String(decoding: input[i..<(i + length)], as: UTF8.self).unicodeScalars.first!
            if isControl(scalar) {
                for b in input[i..<(i + length)] { out += hex(b) }
            } else {
                out.unicodeScalars.append(scalar)
            }
            i += length
        }
        return out
    }

    public static func escape(_ text: String) -> String {
        escape(Array(text.utf8))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629), or 0.
    private static func validSequenceLength(_ s: [UInt8], at i: Int) -> Int {
        let b0 = s[i]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < s.count && range.contains(s[i + k])
        }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
