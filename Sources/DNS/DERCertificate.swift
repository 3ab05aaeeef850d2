/// Just enough DER (X.690) to find an X.509 certificate's SubjectPublicKeyInfo (RFC 5280 4.1),
/// which TLSA selector 1 hashes: Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0]
/// version OPTIONAL, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo,
/// ... } ... }. Bounded: six elements are skipped at most; lengths up to 4 bytes.
enum DERCertificate {
    struct Element {
        let tag: UInt8
        /// Where the whole element (header and content) starts and ends.
        let start: Int
        let contentStart: Int
        let end: Int
    }

    /// The SubjectPublicKeyInfo element (header included) of a DER certificate.
    static func subjectPublicKeyInfo(_ der: [UInt8]) throws(DNSRecordError) -> [UInt8] {
        let certificate = try element(der, at: 0, limit: der.count)
        guard certificate.tag == 0x30, certificate.end == der.count else { throw failure("not one DER SEQUENCE") }
        let tbs = try element(der, at: certificate.contentStart, limit: certificate.end)
        guard tbs.tag == 0x30 else { throw failure("no tbsCertificate SEQUENCE") }
        var next = tbs.contentStart
        let first = try element(der, at: next, limit: tbs.end)
        if first.tag == 0xA0 { next = first.end }  // [0] EXPLICIT version
        let expected: [UInt8] = [0x02, 0x30, 0x30, 0x30, 0x30]  // serial, signature, issuer, validity, subject
        for tag in expected {
            let skipped = try element(der, at: next, limit: tbs.end)
            guard skipped.tag == tag else { throw failure("unexpected tag 0x\(String(skipped.tag, radix: 16))") }
            next = skipped.end
        }
        let spki = try element(der, at: next, limit: tbs.end)
        guard spki.tag == 0x30 else { throw failure("no subjectPublicKeyInfo SEQUENCE") }
        return Array(der[spki.start..<spki.end])
    }

    /// The element at `index`, which must end by `limit`. Definite lengths only (DER).
    static func element(_ der: [UInt8], at index: Int, limit: Int) throws(DNSRecordError) -> Element {
        guard index + 2 <= limit else { throw failure("element runs past its container") }
        let tag = der[index]
        guard tag & 0x1F != 0x1F else { throw failure("multi-byte tag") }
        var length = Int(der[index + 1])
        var contentStart = index + 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...4).contains(count), contentStart + count <= limit else { throw failure("bad length") }
            length = der[contentStart..<contentStart + count].reduce(0) { $0 << 8 | Int($1) }
            contentStart += count
        }
        guard length <= limit - contentStart else { throw failure("element runs past its container") }
        return Element(tag: tag, start: index, contentStart: contentStart, end: contentStart + length)
    }

    static func failure(_ reason: String) -> DNSRecordError { DNSRecordError("certificate", reason) }
}
