import Codec
import LineProtocol
import SASL
import Transport

/// What a CAPA response announces (RFC 2449 section 5, RFC 2595 STLS, RFC 5034 SASL).
/// Keywords are case-insensitive (kept uppercased); parameters are kept as sent. After STLS
/// every capability learned in plaintext is forgotten and CAPA is asked again (DESIGN.md rule 2).
//  capa-resp  = "+OK" [SP text] CRLF *capability "." CRLF
//  capability = capa-tag *(SP param) CRLF        ; 512 octets maximum
//  capa-tag   = 1*cchar
//  param      = 1*pchar
//  cchar      = %x21-2D / %x2F-7F                ; printable ASCII, excluding "."
//  pchar      = %x21-7F                          ; printable ASCII
public struct POP3Capabilities: Equatable, Sendable {
    /// Each announced capability: uppercased tag → its parameters (empty when none).
    public private(set) var entries: [String: [String]] = [:]
    /// The CAPA lines in the server's order, as sent: what `--probe` prints.
    public private(set) var lines: [String] = []

    public init() {}

    /// Parses the lines of a CAPA listing (unstuffed, without line endings).
    /// - Throws: `POP3Error(.malformedResponse)` for a line starting with a space or holding a
    ///   control character (an empty line is skipped).
    public init(lines: [[UInt8]]) throws(POP3Error) {
        for line in lines { try add(line[...]) }
    }

    /// Reads CAPA's multi-line answer after its `+OK` line.
    /// - Throws: `POP3Error` (`.malformedResponse`, `.lineTooLong`, `.tooManyEntries`,
    ///   `.cutShort`); whatever the transport throws.
    public static func read(
        from stream: ByteStream, trace: Trace, limits: POP3Limits = .default
    ) throws -> POP3Capabilities {
        var capabilities = POP3Capabilities()
        let session = LineSession(stream: stream, trace: trace, mapError: POP3Error.framing)
        try session.readListing(
            maxLineLength: limits.maxListingLineLength, maxCount: limits.maxCapabilityLines, what: "CAPA response"
        ) { line in
            try capabilities.add(line)
        }
        return capabilities
    }

    /// An empty line says nothing and is skipped (curl reads past it too); a line that starts
    /// with a space or holds a control character is an error.
    private mutating func add(_ line: ArraySlice<UInt8>) throws(POP3Error) {
        guard let first = line.first else { return }
        guard first != .space, !line.contains(where: \.isControl) else {
            throw POP3Error.malformed("Invalid CAPA line from server: \"\(printable(line, limit: 80))\"")
        }
        let words = line.split(separator: .space)
        let tag = String(decoding: words[0], as: UTF8.self).uppercased()
        let parameters = words.dropFirst().map { String(decoding: $0, as: UTF8.self) }
        entries[tag, default: []] += parameters
        lines.append(String(decoding: line, as: UTF8.self))
    }

    /// Whether `keyword` (any case) was announced.
    public func contains(_ keyword: String) -> Bool { entries[keyword.uppercased()] != nil }

    /// The parameters of `keyword` (any case), nil when it was not announced.
    public func parameters(of keyword: String) -> [String]? { entries[keyword.uppercased()] }

    /// `STLS` (RFC 2595 4).
    public var startTLS: Bool { contains("STLS") }
    /// `PIPELINING` (RFC 2449 6.6): commands may be sent without waiting for each answer.
    public var pipelining: Bool { contains("PIPELINING") }
    /// `UIDL` (RFC 2449 6.5).
    public var uidl: Bool { contains("UIDL") }
    /// `TOP` (RFC 2449 6.4).
    public var top: Bool { contains("TOP") }
    /// `USER` (RFC 2449 6.8): USER/PASS is accepted.
    public var user: Bool { contains("USER") }
    /// `RESP-CODES` (RFC 2449 6.3): `-ERR` texts may start with `[CODE]`.
    public var responseCodes: Bool { contains("RESP-CODES") }
    /// `AUTH-RESP-CODE` (RFC 3206 6): the `[AUTH]` code is used.
    public var authResponseCode: Bool { contains("AUTH-RESP-CODE") }
    /// `SASL mech...` (RFC 5034 5): the mechanisms AUTH accepts, in the server's order
    /// (uppercased; names that are not SASL mechanism names are left out).
    public var saslMechanisms: [SASLMechanism] { SASLMechanism.list(parameters(of: "SASL") ?? []) }
    /// `IMPLEMENTATION text` (RFC 2449 6.9), parameters joined by single spaces.
    public var implementation: String? { parameters(of: "IMPLEMENTATION")?.joined(separator: " ") }
}
