/// The identifier octets LDAP uses (X.690 section 8.1.2; RFC 4511 section 4 and appendix B).
public enum BERTag {
    public static let boolean: UInt8 = 0x01
    public static let integer: UInt8 = 0x02
    public static let octetString: UInt8 = 0x04
    public static let enumerated: UInt8 = 0x0A
    public static let sequence: UInt8 = 0x30
    public static let set: UInt8 = 0x31

    /// `[APPLICATION n]`, constructed or primitive.
    public static func application(_ number: UInt8, constructed: Bool) -> UInt8 {
        0x40 | (constructed ? 0x20 : 0) | number
    }

    /// `[n]` (context-specific), constructed or primitive.
    public static func context(_ number: UInt8, constructed: Bool) -> UInt8 {
        0x80 | (constructed ? 0x20 : 0) | number
    }
}
