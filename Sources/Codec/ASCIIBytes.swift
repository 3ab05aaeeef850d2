/// The ASCII bytes and classes every line protocol's grammar names (RFC 5234 appendix B.1):
/// the parsers test bytes, never characters.
extension UInt8 {
    public static let cr: UInt8 = 0x0D
    public static let lf: UInt8 = 0x0A
    public static let space: UInt8 = 0x20
    public static let tab: UInt8 = 0x09
    public static let dot: UInt8 = 0x2E

    //  DIGIT = %x30-39
    @inlinable public var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    //  ALPHA = %x41-5A / %x61-7A
    @inlinable public var isASCIILetter: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
    //  CTL = %x00-1F / %x7F
    @inlinable public var isControl: Bool { self < 0x20 || self == 0x7F }
    /// ASCII upper case of a letter; other bytes unchanged.
    @inlinable
    public var asciiUppercased: UInt8 { (self >= 0x61 && self <= 0x7A) ? self - 0x20 : self }
}

extension Collection<UInt8> {
    /// Compares with ASCII text without regard to case (protocol keywords are case-insensitive).
    /// Inlinable so that parsers get a specialized loop, not a generic one per call.
    @inlinable
    public func equalsIgnoringCase(_ text: String) -> Bool {
        count == text.utf8.count && zip(self, text.utf8).allSatisfy { $0.asciiUppercased == $1.asciiUppercased }
    }
}
