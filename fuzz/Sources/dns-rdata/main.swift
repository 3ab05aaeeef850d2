import DNS
import FuzzSupport

// The rdata parsers of the records the audit reads (as libunbound hands them over), and the
// DER walk and TLSA matching over a certificate: the first byte chooses, the rest is the input.
fuzz { data in
    guard let choice = data.first else { return }
    let input = Array(data.dropFirst())
    switch choice % 7 {
    case 0: _ = try? MXRecord.parse(input)
    case 1: _ = try? TXTRecord.parse(input).text
    case 2: _ = try? TLSARecord.parse(input).unusableReason
    case 3: _ = try? AddressRecord.parse(input, type: .a)
    case 4: _ = try? AddressRecord.parse(input, type: .aaaa)
    case 5: _ = try? DNSName.read(input[...], record: "fuzz")
    default:
        guard let certificate = try? DANECertificate(der: input) else { return }
        let records = (0..<3).flatMap { selector in
            (0..<3).map { TLSARecord(usage: 3, selector: UInt8(selector), matchingType: UInt8($0), data: [0]) }
        }
        _ = DANEMatcher.matches(records: records, chain: [certificate, certificate])
    }
}
