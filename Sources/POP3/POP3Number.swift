/// Decimal numbers of POP3 listings: message numbers (RFC 1939: positive, here at most 32 bits)
/// and sizes in octets (at most 64 bits). No sign, no leading space; leading zeros are accepted.
//  msg-number = 1*DIGIT   ; not zero
//  size       = 1*DIGIT
enum POP3Number {
    /// A message number: 1 to 4294967295.
    static func messageNumber(_ bytes: some Collection<UInt8>) -> UInt32? {
        guard let value = unsigned(bytes), value > 0, value <= UInt64(UInt32.max) else { return nil }
        return UInt32(value)
    }

    /// A size or count: 0 to 2^64-1.
    static func unsigned(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte.isASCIIDigit else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }
}
