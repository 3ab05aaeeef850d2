/// A TLSA record (RFC 6698 2.1): certificate usage, selector, matching type, association data.
/// RFC 7672 (SMTP): only usages 2 (DANE-TA) and 3 (DANE-EE) count; others are "unusable".
public struct TLSARecord: Sendable, Equatable, CustomStringConvertible {
    public var usage: UInt8
    public var selector: UInt8
    public var matchingType: UInt8
    public var data: [UInt8]

    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }

    public static let daneTA: UInt8 = 2
    public static let daneEE: UInt8 = 3
    public static let fullCertificate: UInt8 = 0
    public static let subjectPublicKeyInfo: UInt8 = 1
    public static let exact: UInt8 = 0
    public static let sha256: UInt8 = 1
    public static let sha512: UInt8 = 2

    public static func parse(_ rdata: [UInt8]) throws(DNSRecordError) -> TLSARecord {
        guard rdata.count >= 4 else { throw DNSRecordError("TLSA", "\(rdata.count) bytes, at least 4 needed") }
        return TLSARecord(usage: rdata[0], selector: rdata[1], matchingType: rdata[2], data: Array(rdata[3...]))
    }

    /// Why the record cannot be used for SMTP (RFC 7672 3.1.1, RFC 7671 4), or nil when it can:
    /// an unknown or PKIX usage, an unknown selector or matching type, a digest of the wrong size.
    public var unusableReason: String? {
        guard usage == Self.daneTA || usage == Self.daneEE else {
            return usage <= 1 ? "usage \(usage) (PKIX) is not used for SMTP (RFC 7672 3.1.3)" : "unknown usage \(usage)"
        }
        guard selector <= Self.subjectPublicKeyInfo else { return "unknown selector \(selector)" }
        switch matchingType {
        case Self.exact: return data.isEmpty ? "no association data" : nil
        case Self.sha256: return data.count == 32 ? nil : "SHA-256 data of \(data.count) bytes, not 32"
        case Self.sha512: return data.count == 64 ? nil : "SHA-512 data of \(data.count) bytes, not 64"
        default: return "unknown matching type \(matchingType)"
        }
    }

    /// Presentation form: `3 1 1 <hex>`.
    public var description: String {
        let hex = data.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined()
        return "\(usage) \(selector) \(matchingType) \(hex)"
    }
}
