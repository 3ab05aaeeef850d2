import Codec

/// An envelope address: what goes between the angle brackets of `MAIL FROM:<...>`,
/// `RCPT TO:<...>` and `AUTH=<...>`. Only values that are safe on the wire exist: no control
/// character (so a CR LF can never split a command), no unquoted space or angle bracket.
///
/// Accepted forms of a command-line argument, as curl accepts them: `user@host`,
/// `<user@host>`, and for a reverse-path (`--mail-from`, `--mail-auth`) `<>` or an empty string,
/// the null sender. Tolerated beyond RFC 5321, because real addresses have them: dots at the
/// start or end of the local part or doubled (`a..b@x`), `_` in domain labels, and no domain at
/// all (`postmaster`: curl sends it as given and the server decides).
//  Mailbox         = Local-part "@" ( Domain / address-literal )
//  Local-part      = Dot-string / Quoted-string
//  Dot-string      = Atom *("."  Atom)
//  Atom            = 1*atext
//  Quoted-string   = DQUOTE *QcontentSMTP DQUOTE
//  QcontentSMTP    = qtextSMTP / quoted-pairSMTP
//  quoted-pairSMTP = %d92 %d32-126
//  qtextSMTP       = %d32-33 / %d35-91 / %d93-126
//  Domain          = sub-domain *("." sub-domain)
//  sub-domain      = Let-dig [Ldh-str]
//  address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
//                          General-address-literal ) "]"      (checked as: 1*dcontent)
//  dcontent        = %d33-90 / %d94-126
//  RFC 6531 3.3:     atext =/ UTF8-non-ascii; qtextSMTP =/ UTF8-non-ascii; sub-domain =/ U-label
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    /// The address without angle brackets; empty for the null reverse-path.
    public let address: String

    /// The null reverse-path `<>` (bounces, `--mail-from ""`).
    public static let null = Mailbox(validated: "")

    private init(validated address: String) { self.address = address }

    /// Parses a `--mail-from`, `--mail-rcpt` or `--mail-auth` argument.
    /// - Parameter allowNull: whether `<>` and "" are accepted (reverse-paths only).
    /// - Throws: `SMTPError(.badAddress)` naming the problem.
    public init(argument: String, allowNull: Bool = false) throws {
        if argument.utf8.contains(where: { $0.isControl }) { throw Self.invalid(argument, "control character") }
        var inner = Substring(argument)
        let opens = inner.hasPrefix("<"), closes = inner.hasSuffix(">")
        if opens || closes {
            guard opens && closes && inner.count >= 2 else {
                let named = closes && inner.contains("<")
                throw Self.invalid(
                    argument,
                    named
                        ? "a name is not allowed, only user@host or <user@host>"
                        : "unbalanced angle brackets")
            }
            inner = inner.dropFirst().dropLast()
        }
        if inner.isEmpty {
            guard allowNull else { throw Self.invalid(argument, "empty address") }
            self = .null
            return
        }
        try self.init(addressSpec: String(inner), quoting: argument)
    }

    /// Checks an address without angle brackets (an addr-spec from a message header).
    init(addressSpec: String, quoting original: String? = nil) throws {
        if let problem = Self.problem(in: Array(addressSpec.utf8)) {
            throw Self.invalid(original ?? addressSpec, problem)
        }
        self.address = addressSpec
    }

    public var isNull: Bool { address.isEmpty }

    /// `<address>`, as the commands carry it.
    public var path: String { "<" + address + ">" }

    /// The part after the last `@` outside a quoted local part, if any.
    public var domain: Substring? {
        guard !address.hasPrefix("\"") else {
            guard let close = address.dropFirst().lastIndex(of: "\""),
                address[close...].dropFirst().first == "@"
            else { return nil }
            return address[address.index(close, offsetBy: 2)...]
        }
        return address.lastIndex(of: "@").map { address[address.index(after: $0)...] }
    }

    /// Whether the address has non-ASCII characters, which only a server offering SMTPUTF8
    /// may receive (RFC 6531).
    public var requiresSMTPUTF8: Bool { address.utf8.contains(where: { $0 >= 0x80 }) }

    public var description: String { path }

    private static func invalid(_ argument: String, _ problem: String) -> SMTPError {
        SMTPError(.badAddress, "Invalid address \"\(printable(argument, limit: 200))\": \(problem)")
    }

    /// What is wrong with `bytes` as a Mailbox, or nil.
    private static func problem(in bytes: [UInt8]) -> String? {
        if bytes.contains(where: { $0.isControl }) { return "control character" }
        var i = 0
        // Local-part.
        if bytes.first == UInt8(ascii: "\"") {
            i = 1
            while true {
                guard i < bytes.count else { return "unterminated quoted string" }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    break
                }
                if byte == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count, bytes[i + 1] >= 0x20, bytes[i + 1] <= 0x7E else {
                        return "bad quoted pair"
                    }
                    i += 2
                } else {
                    i += 1
                }
            }
        } else {
            while i < bytes.count, bytes[i] != UInt8(ascii: "@") {
                guard isAtext(bytes[i]) || bytes[i] == UInt8(ascii: ".") else { return notAllowed(bytes[i]) }
                i += 1
            }
            if i == 0 { return "empty local part" }
        }
        if i == bytes.count { return nil }
        guard bytes[i] == UInt8(ascii: "@") else { return notAllowed(bytes[i]) }
        let domain = bytes[(i + 1)...]
        if domain.isEmpty { return "empty domain" }
        if domain.first == UInt8(ascii: "[") {
            guard domain.count > 2, domain.last == UInt8(ascii: "]"),
                domain.dropFirst().dropLast().allSatisfy({ ($0 >= 33 && $0 <= 90) || ($0 >= 94 && $0 <= 126) })
            else {
                return "invalid address literal"
            }
            return nil
        }
        for label in domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            if label.isEmpty { return "empty label in the domain" }
            if let bad = label.first(where: {
                !($0.isASCIILetter || $0.isASCIIDigit || $0 >= 0x80
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_"))
            }) {
                return notAllowed(bad) + " in the domain"
            }
        }
        return nil
    }

    private static func notAllowed(_ byte: UInt8) -> String {
        byte == .space ? "space not allowed" : "character '\(printable([byte]))' not allowed"
    }

    //  atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" /
    //          "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"   (RFC 5322 3.2.3)
    //  atext =/ UTF8-non-ascii                                      (RFC 6531)
    static func isAtext(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isASCIIDigit || byte >= 0x80 || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
}
