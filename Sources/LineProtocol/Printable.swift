/// Bytes quoted in an error message, with anything but printable ASCII shown as `?`: messages
/// reach a terminal, and the peer is hostile.
func printable(_ bytes: some Sequence<UInt8>) -> String {
    String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let dot = UInt8(ascii: ".")

    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}
