/// What a server offers, from its reply to EHLO (RFC 5321 4.1.1.1). Keywords are compared
/// without regard to case (`250-starttls` is STARTTLS). After STARTTLS the session must forget
/// these and ask again (RFC 3207 4.2, DESIGN.md rule 2): they are a value, rebuilt per EHLO.
//  ehlo-ok-rsp  = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
//               / ( "250-" Domain [ SP ehlo-greet ] CRLF
//                   *( "250-" ehlo-line CRLF )
//                   "250" SP ehlo-line CRLF )
//  ehlo-line    = ehlo-keyword *( SP ehlo-param )
//  ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
//  ehlo-param   = 1*(%d33-126)
//  Tolerated: HTAB or several SP between words; the obsolete "AUTH=" mechanism-list form.
public struct SMTPCapabilities: Equatable, Sendable {
    /// The first line's text: the server's domain and greeting.
    public var greeting: String = ""
    /// STARTTLS (RFC 3207).
    public var startTLS = false
    /// AUTH mechanisms (RFC 4954) in upper case, in the server's order, without repeats,
    /// from every AUTH line (and `AUTH=` lines). Names that are not RFC 4422 mechanism names
    /// are dropped.
    public var authMechanisms: [String] = []
    /// SIZE (RFC 1870) is offered.
    public var size = false
    /// The largest message the server accepts, when SIZE names one; nil when SIZE has no
    /// parameter, is 0 ("no fixed maximum"), is not a number or does not fit 64 bits.
    public var maximumMessageSize: UInt64?
    /// 8BITMIME (RFC 6152).
    public var eightBitMIME = false
    /// SMTPUTF8 (RFC 6531).
    public var smtpUTF8 = false
    /// PIPELINING (RFC 2920).
    public var pipelining = false
    /// CHUNKING: BDAT (RFC 3030).
    public var chunking = false
    /// ENHANCEDSTATUSCODES (RFC 2034).
    public var enhancedStatusCodes = false
    /// DSN (RFC 3461).
    public var dsn = false
    /// Every other extension, keyword in upper case, parameters as sent.
    public var others: [SMTPExtension] = []
    /// The reply's lines after the first (the ehlo-lines), as sent: what `--probe` prints.
    public var lines: [String] = []

    /// Nothing offered: a server that only knows HELO.
    public init() {}

    /// Reads the lines after the first of a positive EHLO reply (the caller checks the code).
    /// A line whose first word is not an ehlo-keyword is ignored.
    public init(ehloReply reply: SMTPReply) {
        greeting = reply.lines.first ?? ""
        lines = Array(reply.lines.dropFirst())
        for line in reply.lines.dropFirst() {
            let words = line.utf8.split(whereSeparator: { $0 == .space || $0 == .tab })
            guard let first = words.first else { continue }
            let rest = words.dropFirst().map { String(decoding: $0, as: UTF8.self) }
            let upper = String(decoding: first, as: UTF8.self).uppercased()
            if upper.hasPrefix("AUTH=") {
                addAuthMechanisms([String(upper.dropFirst(5))] + rest)
                continue
            }
            guard Self.isKeyword(first) else { continue }
            switch upper {
            case "STARTTLS": startTLS = true
            case "AUTH": addAuthMechanisms(rest)
            case "SIZE":
                size = true
                maximumMessageSize = rest.first.flatMap { UInt64($0) }.flatMap { $0 == 0 ? nil : $0 }
            case "8BITMIME": eightBitMIME = true
            case "SMTPUTF8": smtpUTF8 = true
            case "PIPELINING": pipelining = true
            case "CHUNKING": chunking = true
            case "ENHANCEDSTATUSCODES": enhancedStatusCodes = true
            case "DSN": dsn = true
            default: others.append(SMTPExtension(keyword: upper, parameters: rest))
            }
        }
    }

    /// Whether AUTH offers `mechanism` (compared without regard to case).
    public func offersAuth(_ mechanism: String) -> Bool {
        authMechanisms.contains(mechanism.uppercased())
    }

    //  ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    private static func isKeyword(_ word: some Collection<UInt8>) -> Bool {
        guard let first = word.first, first.isASCIILetter || first.isASCIIDigit else { return false }
        return word.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") }
    }

    //  sasl-mech    = 1*20mech-char
    //  mech-char    = UPPER-ALPHA / DIGIT / HYPHEN / UNDERSCORE      (RFC 4422 3.1)
    private mutating func addAuthMechanisms(_ names: [String]) {
        for name in names.map({ $0.uppercased() }) {
            let bytes = name.utf8
            guard !bytes.isEmpty, bytes.count <= 20,
                bytes.allSatisfy({
                    $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                }),
                !authMechanisms.contains(name)
            else { continue }
            authMechanisms.append(name)
        }
    }
}

/// An EHLO keyword this suite does not act on, kept for `-v` and for callers that do.
public struct SMTPExtension: Equatable, Sendable {
    public var keyword: String
    public var parameters: [String]

    public init(keyword: String, parameters: [String]) {
        self.keyword = keyword
        self.parameters = parameters
    }
}
