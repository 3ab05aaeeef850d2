#if canImport(Glibc)
    import Glibc
#endif

/// The address of an A (RFC 1035 3.4.1, 4 bytes) or AAAA (RFC 3596 2.2, 16 bytes) record, in
/// its textual form ("127.0.0.1", "::1").
public enum AddressRecord {
    public static func parse(_ rdata: [UInt8], type: DNSRecordType) throws(DNSRecordError) -> String {
        let (family, size) = type == .aaaa ? (AF_INET6, 16) : (AF_INET, 4)
        guard type == .a || type == .aaaa else { throw DNSRecordError("\(type)", "not an address record type") }
        guard rdata.count == size else { throw DNSRecordError("\(type)", "\(rdata.count) bytes, not \(size)") }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = rdata.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        guard written != nil else { throw DNSRecordError("\(type)", "cannot format the address") }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
