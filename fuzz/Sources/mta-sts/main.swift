import DNS
import FuzzSupport

// The text records and the policy file of MTA-STS (RFC 8461) and TLS-RPT (RFC 8460): the
// policy parser reads the bytes as fetched; the TXT record parsers read them as joined text,
// alone and as several records split at each LF.
fuzz { data in
    if let policy = try? STSPolicy.parse(data) {
        _ = policy.allows(host: "mx.example.com")
    }
    let text = String(decoding: data, as: UTF8.self)
    _ = try? STSRecord.parse(text)
    _ = try? TLSRPTRecord.parse(text)
    let records = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    _ = try? STSRecord.select(records)
    _ = try? TLSRPTRecord.select(records)
}
