/// Human-readable text with an optional machine-readable code in brackets.
//  resp-text       = ["[" resp-text-code "]" SP] text
//  text            = 1*TEXT-CHAR
//  Tolerated: empty text, and no SP after "]" (`A1 OK [READ-ONLY]`).
public struct IMAPResponseText: Equatable, Sendable, CustomStringConvertible {
    public var code: IMAPResponseCode?
    /// The text after the code, decoded as UTF-8 (invalid bytes replaced). It may hold control
    /// characters: escape before printing (DESIGN.md).
    public var text: String

    public init(code: IMAPResponseCode? = nil, text: String) {
        self.code = code
        self.text = text
    }

    /// `[CODE args] text` as sent (not made printable).
    public var description: String {
        guard let code else { return text }
        return text.isEmpty ? "[\(code)]" : "[\(code)] \(text)"
    }
}

/// The codes a fetching client acts on (RFC 3501 section 7.1, RFC 4315); every other code is
/// kept by name.
//  resp-text-code  = "ALERT" /
//                    "BADCHARSET" [SP "(" astring *(SP astring) ")" ] /
//                    capability-data / "PARSE" /
//                    "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
//                    "READ-ONLY" / "READ-WRITE" / "TRYCREATE" /
//                    "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
//                    "UNSEEN" SP nz-number /
//                    atom [SP 1*<any TEXT-CHAR except "]">]
public enum IMAPResponseCode: Equatable, Sendable, CustomStringConvertible {
    /// The text must be shown to the user (escaped).
    case alert
    case badCharset([String])
    /// The server's capabilities, saving a CAPABILITY command.
    case capability(IMAPCapabilities)
    case parse
    /// The flags a client can change permanently; `\*` means new keywords may be created.
    case permanentFlags([IMAPFlag])
    case readOnly
    case readWrite
    /// The mailbox does not exist but could be created.
    case tryCreate
    case uidNext(UInt32)
    case uidValidity(UInt32)
    case unseen(UInt32)
    /// Any other code (`CLOSED`, `CLIENTBUG`, `AUTHENTICATIONFAILED`, `APPENDUID`...): its name
    /// in upper case and its arguments as sent.
    case other(String, String?)

    public var description: String {
        switch self {
        case .alert: return "ALERT"
        case .badCharset(let names):
            return names.isEmpty ? "BADCHARSET" : "BADCHARSET (\(names.joined(separator: " ")))"
        case .capability(let capabilities): return "CAPABILITY " + capabilities.names.joined(separator: " ")
        case .parse: return "PARSE"
        case .permanentFlags(let flags): return "PERMANENTFLAGS (\(flags.map(\.name).joined(separator: " ")))"
        case .readOnly: return "READ-ONLY"
        case .readWrite: return "READ-WRITE"
        case .tryCreate: return "TRYCREATE"
        case .uidNext(let n): return "UIDNEXT \(n)"
        case .uidValidity(let n): return "UIDVALIDITY \(n)"
        case .unseen(let n): return "UNSEEN \(n)"
        case .other(let name, let arguments): return arguments.map { name + " " + $0 } ?? name
        }
    }
}
