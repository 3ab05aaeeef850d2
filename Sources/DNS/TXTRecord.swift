/// A TXT record (RFC 1035 3.3.14): one or more character-strings, each a length byte and that
/// many bytes. MTA-STS and TLS-RPT read the strings joined without separator (RFC 8461 3.1,
/// RFC 8460 3: "concatenated").
public struct TXTRecord: Sendable, Equatable {
    public var strings: [[UInt8]]

    public init(strings: [[UInt8]]) { self.strings = strings }

    public static func parse(_ rdata: [UInt8]) throws(DNSRecordError) -> TXTRecord {
        guard !rdata.isEmpty else { throw DNSRecordError("TXT", "no character-string") }
        var strings: [[UInt8]] = []
        var index = 0
        while index < rdata.count {
            let length = Int(rdata[index])
            index += 1
            guard rdata.count - index >= length else {
                throw DNSRecordError("TXT", "character-string runs past the data")
            }
            strings.append(Array(rdata[index..<index + length]))
            index += length
        }
        return TXTRecord(strings: strings)
    }

    public var joined: [UInt8] { strings.flatMap { $0 } }

    /// The joined bytes as text; nil when they are not UTF-8 (the records the audit reads are ASCII).
    public var text: String? {
        let bytes = joined
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.utf8) == bytes ? text : nil
    }
}
