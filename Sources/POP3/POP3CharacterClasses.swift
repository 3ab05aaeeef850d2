import Codec

/// RFC 1939 and RFC 2449's byte classes beyond the shared ASCII ones (`Codec`).
extension UInt8 {

    /// Printable ASCII without SP: RFC 1939's unique-id characters, RFC 2449's pchar.
    var isVisibleASCII: Bool { self >= 0x21 && self <= 0x7E }
}

extension Collection<UInt8> {
    /// Splits at single spaces; empty pieces (two spaces in a row, a leading space) are kept,
    /// so callers can refuse them.
    func splitAtSpaces() -> [SubSequence] {
        split(separator: .space, omittingEmptySubsequences: false)
    }
}
