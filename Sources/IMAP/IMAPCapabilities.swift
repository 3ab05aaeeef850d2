/// What a server offers, from a CAPABILITY response or a `[CAPABILITY ...]` code. Names are
/// compared without regard to case. After STARTTLS the session must forget these and ask again
/// (RFC 3501 section 6.2.1, DESIGN.md rule 2): they are a value, replaced, never merged.
//  capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)
//  capability      = ("AUTH=" auth-type) / atom
//  auth-type       = atom
//  Tolerated: IMAP4rev1 missing (an IMAP4rev2-only server, RFC 9051), a trailing SP.
public struct IMAPCapabilities: Equatable, Sendable {
    /// Every capability in upper case, in the server's order, without repeats.
    public let names: [String]

    public init() { names = [] }

    public init(_ names: [String]) {
        var seen = Set<String>()
        var unique: [String] = []
        for name in names.map({ $0.uppercased() }) where seen.insert(name).inserted {
            unique.append(name)
        }
        self.names = unique
    }

    public func contains(_ name: String) -> Bool { names.contains(name.uppercased()) }

    /// The SASL mechanisms of the `AUTH=` capabilities, in order. Names that are not RFC 4422
    /// mechanism names are dropped.
    //  sasl-mech    = 1*20mech-char
    //  mech-char    = UPPER-ALPHA / DIGIT / HYPHEN / UNDERSCORE
    public var authMechanisms: [String] {
        names.compactMap { name in
            guard name.hasPrefix("AUTH=") else { return nil }
            let mechanism = name.dropFirst(5)
            let bytes = mechanism.utf8
            guard !bytes.isEmpty, bytes.count <= 20,
                bytes.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == .minus || $0 == UInt8(ascii: "_") })
            else { return nil }
            return String(mechanism)
        }
    }

    /// Whether AUTH=`mechanism` is offered.
    public func offersAuth(_ mechanism: String) -> Bool { authMechanisms.contains(mechanism.uppercased()) }

    public var imap4rev1: Bool { contains("IMAP4rev1") }
    /// RFC 3501 6.2.1.
    public var startTLS: Bool { contains("STARTTLS") }
    /// LOGIN must not be used (RFC 3501 6.2.3).
    public var loginDisabled: Bool { contains("LOGINDISABLED") }
    /// AUTHENTICATE may carry an initial response (RFC 4959).
    public var saslIR: Bool { contains("SASL-IR") }
    /// Non-synchronizing literals of any size (RFC 7888).
    public var literalPlus: Bool { contains("LITERAL+") }
    /// Non-synchronizing literals up to 4,096 bytes (RFC 7888).
    public var literalMinus: Bool { contains("LITERAL-") }
    /// RFC 5161.
    public var enable: Bool { contains("ENABLE") }
    /// RFC 2971.
    public var id: Bool { contains("ID") }
    /// UID EXPUNGE, APPENDUID, COPYUID (RFC 4315).
    public var uidPlus: Bool { contains("UIDPLUS") }
    public var idle: Bool { contains("IDLE") }
    public var condStore: Bool { contains("CONDSTORE") }

    /// How command literals may be sent to this server.
    public var literalMode: IMAPLiteralMode {
        if literalPlus { return .nonSynchronizing }
        if literalMinus { return .nonSynchronizingUpTo4096 }
        return .synchronizing
    }
}
