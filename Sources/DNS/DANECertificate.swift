/// One certificate of a server's chain as DANE sees it: its DER bytes (TLSA selector 0) and its
/// DER SubjectPublicKeyInfo (selector 1).
public struct DANECertificate: Sendable, Equatable {
    public let der: [UInt8]
    public let subjectPublicKeyInfo: [UInt8]

    public init(der: [UInt8], subjectPublicKeyInfo: [UInt8]) {
        self.der = der
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
    }

    /// Reads the SubjectPublicKeyInfo out of the DER certificate.
    public init(der: [UInt8]) throws(DNSRecordError) {
        self.init(der: der, subjectPublicKeyInfo: try DERCertificate.subjectPublicKeyInfo(der))
    }

    /// The bytes a TLSA record with this selector and matching type holds for this certificate;
    /// nil for an unknown selector or matching type.
    public func associationData(selector: UInt8, matchingType: UInt8) -> [UInt8]? {
        let selected: [UInt8]
        switch selector {
        case TLSARecord.fullCertificate: selected = der
        case TLSARecord.subjectPublicKeyInfo: selected = subjectPublicKeyInfo
        default: return nil
        }
        switch matchingType {
        case TLSARecord.exact: return selected
        case TLSARecord.sha256: return SHA256.hash(selected)
        case TLSARecord.sha512: return SHA512.hash(selected)
        default: return nil
        }
    }
}

/// A TLSA record that matched a certificate of the chain, at `depth` (0 is the server's own).
public struct DANEMatch: Sendable, Equatable {
    public let record: TLSARecord
    public let depth: Int

    public init(record: TLSARecord, depth: Int) {
        self.record = record
        self.depth = depth
    }
}

/// TLSA matching for SMTP (RFC 7672 3.1, RFC 7671 5): DANE-EE(3) records against the server's
/// certificate only, DANE-TA(2) records against the certificates above it in the chain it sent;
/// unusable records (`TLSARecord.unusableReason`) never match. Matching is all this does: for a
/// DANE-TA match the caller must still check that the chain verifies up to that certificate and
/// that the name matches; with DANE-EE, names and dates are not checked (RFC 7672 3.1.3).
public enum DANEMatcher {
    /// The most certificates of a chain looked at (a server sends a handful).
    public static let maximumChainLength = 16

    /// Every match of a usable record with a certificate of `chain` (leaf first).
    public static func matches(records: [TLSARecord], chain: [DANECertificate]) -> [DANEMatch] {
        var found: [DANEMatch] = []
        for record in records where record.unusableReason == nil {
            let depths =
                record.usage == TLSARecord.daneEE
                ? 0..<min(chain.count, 1) : 1..<max(min(chain.count, maximumChainLength), 1)
            for depth in depths
            where chain[depth].associationData(selector: record.selector, matchingType: record.matchingType)
                == record.data
            {
                found.append(DANEMatch(record: record, depth: depth))
            }
        }
        return found
    }
}
