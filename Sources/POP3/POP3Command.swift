import SASL

/// One command line (RFC 1939, RFC 2449, RFC 2595, RFC 5034) without its CR LF, with what `-v`
/// may show of it: secrets are redacted (PASS, APOP's digest, AUTH's initial response).
/// Arguments from users are checked: none can carry CR, LF or NUL, so no command can smuggle
/// another (curl 3, nothing sent).
//  command = keyword *(SP argument) CRLF    ; keyword 3-4 characters, case-insensitive
public struct POP3Command: Equatable, Sendable {
    /// The line to send, without CR LF.
    public let line: String
    /// What the trace shows after `> `.
    public let display: String

    init(_ line: String, display: String? = nil) {
        self.line = line
        self.display = display ?? line
    }

    /// The bytes to send: the line and CR LF.
    public var wireBytes: [UInt8] { Array(line.utf8) + [.cr, .lf] }

    /// RFC 2449 section 4: a command line is at most 255 octets with its CR LF.
    public static let maxLineLength = 255

    //  user = "USER" SP name CRLF
    /// - Throws: `POP3Error(.unsendableArgument)` for an empty name or one with CR, LF or NUL.
    public static func user(_ name: String) throws(POP3Error) -> POP3Command {
        guard !name.isEmpty else { throw POP3Error(.unsendableArgument, "The user name is empty") }
        return POP3Command("USER " + (try checked(name, what: "user name")))
    }

    //  pass = "PASS" SP string CRLF   ; may contain spaces (RFC 1939 7)
    public static func pass(_ password: String) throws(POP3Error) -> POP3Command {
        POP3Command("PASS " + (try checked(password, what: "password")), display: "PASS <redacted>")
    }

    //  apop   = "APOP" SP name SP digest CRLF
    //  digest = 32(%x30-39 / %x61-66)   ; MD5(timestamp secret), lowercase hex
    public static func apop(name: String, timestamp: APOPTimestamp, secret: String) throws(POP3Error) -> POP3Command {
        guard !name.isEmpty else { throw POP3Error(.unsendableArgument, "The user name is empty") }
        let name = try checked(name, what: "user name")
        return POP3Command("APOP \(name) " + timestamp.digest(secret: secret), display: "APOP \(name) <redacted>")
    }

    //  auth             = "AUTH" SP sasl-mech [SP initial-response] CRLF   ; RFC 5034 4
    //  initial-response = base64 / "="                                      ; "=": empty
    /// Sends the initial response as given; whether it may go on the command line is
    /// `initialResponseFits`.
    public static func auth(_ mechanism: SASLMechanism, initialResponse: [UInt8]? = nil) -> POP3Command {
        guard let initialResponse else { return POP3Command("AUTH \(mechanism)") }
        return POP3Command(
            "AUTH \(mechanism) " + SASLBase64.encodeInitialResponse(initialResponse),
            display: "AUTH \(mechanism) <redacted>")
    }

    /// RFC 5034 section 4: an initial response that would make the AUTH line longer than 255
    /// octets must not be sent with the command, but after the server's empty challenge.
    public static func initialResponseFits(_ mechanism: SASLMechanism, _ initialResponse: [UInt8]) -> Bool {
        auth(mechanism, initialResponse: initialResponse).line.utf8.count + 2 <= maxLineLength
    }

    public static let stat = POP3Command("STAT")
    public static let noop = POP3Command("NOOP")
    public static let rset = POP3Command("RSET")
    public static let quit = POP3Command("QUIT")
    public static let stls = POP3Command("STLS")
    public static let capa = POP3Command("CAPA")

    //  list = "LIST" [SP msg-number] CRLF
    public static func list(_ message: UInt32? = nil) -> POP3Command {
        POP3Command(message.map { "LIST \(checked($0))" } ?? "LIST")
    }

    //  uidl = "UIDL" [SP msg-number] CRLF
    public static func uidl(_ message: UInt32? = nil) -> POP3Command {
        POP3Command(message.map { "UIDL \(checked($0))" } ?? "UIDL")
    }

    //  retr = "RETR" SP msg-number CRLF
    public static func retr(_ message: UInt32) -> POP3Command { POP3Command("RETR \(checked(message))") }

    //  top = "TOP" SP msg-number SP lines CRLF   ; lines: 0 or more
    public static func top(_ message: UInt32, lines: UInt32) -> POP3Command {
        POP3Command("TOP \(checked(message)) \(lines)")
    }

    //  dele = "DELE" SP msg-number CRLF
    public static func dele(_ message: UInt32) -> POP3Command { POP3Command("DELE \(checked(message))") }

    /// A command from `-X` and the URL, as `POP3URLRequest` built it (already checked).
    /// - Throws: `POP3Error(.unsendableArgument)` for an empty line or one with CR, LF or NUL.
    public static func custom(_ line: String) throws(POP3Error) -> POP3Command {
        guard !line.isEmpty else { throw POP3Error(.unsendableArgument, "The custom request is empty") }
        return POP3Command(try checked(line, what: "custom request"))
    }

    private static func checked(_ argument: String, what: String) throws(POP3Error) -> String {
        guard !argument.utf8.contains(where: { $0 == .cr || $0 == .lf || $0 == 0 }) else {
            throw POP3Error(.unsendableArgument, "The \(what) cannot be sent: it contains CR, LF or NUL")
        }
        return argument
    }

    /// Message numbers start at 1 (RFC 1939 3); a 0 can only be a programming error, as every
    /// number comes from a parsed listing or is checked by the caller.
    private static func checked(_ message: UInt32) -> UInt32 {
        precondition(message > 0, "POP3 message numbers start at 1")
        return message
    }
}
