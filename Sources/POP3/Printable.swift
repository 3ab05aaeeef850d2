/// Bytes quoted in an error message, with anything but printable ASCII shown as `?`: messages
/// reach a terminal, and the peer is hostile. Cut after `limit` bytes with `...`.
func printable(_ bytes: some Collection<UInt8>, limit: Int = 200) -> String {
    let shown = bytes.prefix(limit).map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }
    return String(decoding: shown, as: UTF8.self) + (bytes.count > limit ? "..." : "")
}

/// `printable` for text (a user's argument quoted in a message).
func printable(_ text: String, limit: Int = 200) -> String {
    printable(Array(text.utf8), limit: limit)
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let dot: UInt8 = 0x2E

    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    /// C0 controls and DEL.
    var isControl: Bool { self < 0x20 || self == 0x7F }
    /// Printable ASCII without SP: RFC 1939's unique-id characters, RFC 2449's pchar.
    var isVisibleASCII: Bool { self >= 0x21 && self <= 0x7E }
    var asciiUppercased: UInt8 { self >= 0x61 && self <= 0x7A ? self - 0x20 : self }
}

extension Collection<UInt8> {
    /// ASCII case-insensitive comparison with `text` (POP3 keywords are case-insensitive).
    func equalsIgnoringCase(_ text: String) -> Bool {
        count == text.utf8.count && zip(self, text.utf8).allSatisfy { $0.asciiUppercased == $1.asciiUppercased }
    }

    /// Splits at single spaces; empty pieces (two spaces in a row, a leading space) are kept,
    /// so callers can refuse them.
    func splitAtSpaces() -> [SubSequence] {
        split(separator: .space, omittingEmptySubsequences: false)
    }
}
