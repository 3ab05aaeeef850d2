/// The outcome of an operation (RFC 4511 section 4.1.9).
public struct LDAPResult: Equatable, Sendable {
    public var resultCode: LDAPResultCode
    public var matchedDN: String
    public var diagnosticMessage: String
    /// The URIs of a `referral` result; empty otherwise.
    public var referral: [String]

    public init(
        resultCode: LDAPResultCode, matchedDN: String = "", diagnosticMessage: String = "", referral: [String] = []
    ) {
        self.resultCode = resultCode
        self.matchedDN = matchedDN
        self.diagnosticMessage = diagnosticMessage
        self.referral = referral
    }

    /// Reads the components from the reader of the response that holds them; components
    /// after them (a bind's SASL credentials, an extended response's name) are left.
    //  LDAPResult ::= SEQUENCE {
    //       resultCode         ENUMERATED { ... },
    //       matchedDN          LDAPDN,
    //       diagnosticMessage  LDAPString,
    //       referral           [3] Referral OPTIONAL }
    //  Referral ::= SEQUENCE SIZE (1..MAX) OF uri URI
    static func read(from reader: inout BERReader) throws(BERError) -> LDAPResult {
        let code = try reader.readInteger(tag: BERTag.enumerated, "resultCode")
        let matched = try reader.readOctetString("matchedDN")
        let diagnostic = try reader.readOctetString("diagnosticMessage")
        var result = LDAPResult(
            resultCode: LDAPResultCode(rawValue: code), matchedDN: String(decoding: matched, as: UTF8.self),
            diagnosticMessage: String(decoding: diagnostic, as: UTF8.self))
        if reader.nextTag == BERTag.context(3, constructed: true) {
            var uris = try reader.enter(BERTag.context(3, constructed: true), "referral")
            result.referral = try readURIs(&uris)
        }
        return result
    }

    /// `SEQUENCE OF URI` (a referral, a continuation reference).
    static func readURIs(_ reader: inout BERReader) throws(BERError) -> [String] {
        var uris: [String] = []
        while !reader.isAtEnd {
            uris.append(String(decoding: try reader.readOctetString("URI"), as: UTF8.self))
        }
        return uris
    }
}
