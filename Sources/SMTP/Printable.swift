/// Bytes quoted in an error message, with anything but printable ASCII shown as `?`: messages
/// reach a terminal, and the peer is hostile.
func printable(_ bytes: some Sequence<UInt8>) -> String {
    String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
}

/// `printable` for text, cut to `limit` characters (an address or reply quoted in a message).
func printable(_ text: String, limit: Int) -> String {
    let bytes = Array(text.utf8)
    return bytes.count <= limit ? printable(bytes) : printable(bytes.prefix(limit)) + "..."
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
    /// C0 controls and DEL.
    var isControl: Bool { self < 0x20 || self == 0x7F }
}
