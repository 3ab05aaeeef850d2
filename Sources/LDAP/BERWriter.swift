/// Encodes BER elements with definite lengths in their shortest form (what RFC 4511 section
/// 5.1 asks of senders). Values are built inside out: contents first, then their element.
public enum BERWriter {
    public static func element(_ tag: UInt8, _ content: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = [tag]
        out.reserveCapacity(content.count + 6)
        out += length(content.count)
        out += content
        return out
    }

    /// `0x00-0x7F` alone, else `0x80 | n` and n big-endian octets.
    public static func length(_ count: Int) -> [UInt8] {
        guard count >= 0x80 else { return [UInt8(count)] }
        var octets: [UInt8] = []
        var rest = count
        while rest > 0 {
            octets.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }

    /// The shortest two's complement form (X.690 8.3.2).
    public static func integer(_ value: Int64, tag: UInt8 = BERTag.integer) -> [UInt8] {
        var octets: [UInt8] = []
        var rest = value
        repeat {
            octets.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        } while !(rest == 0 && octets[0] < 0x80) && !(rest == -1 && octets[0] >= 0x80)
        return element(tag, octets)
    }

    public static func boolean(_ value: Bool) -> [UInt8] {
        element(BERTag.boolean, [value ? 0xFF : 0x00])
    }

    public static func octetString(_ bytes: some Collection<UInt8>, tag: UInt8 = BERTag.octetString) -> [UInt8] {
        element(tag, bytes)
    }

    public static func octetString(_ text: String, tag: UInt8 = BERTag.octetString) -> [UInt8] {
        element(tag, Array(text.utf8))
    }

    /// A constructed element holding `parts` in order.
    public static func constructed(_ tag: UInt8, _ parts: [[UInt8]]) -> [UInt8] {
        element(tag, parts.joined())
    }
}
