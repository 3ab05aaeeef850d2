/// The timestamp in a greeting that offers APOP (RFC 1939 7): a msg-id such as
/// `<1896.697170952@dbc.mtview.ca.us>`, unique per connection, that APOP's digest covers.
/// Only a timestamp of the msg-id form counts (curl checks for the `@` too): anything else in
/// angle brackets is banner text, and APOP is then not offered. After STLS the plaintext
/// greeting's timestamp is forgotten (DESIGN.md rule 2, issue 6) and no new greeting comes, so
/// APOP inside TLS means POP3S (whose greeting arrives encrypted); in plaintext it is used only
/// when asked for explicitly.
//  greeting  = "+OK" SP *CHAR timestamp *CHAR
//  timestamp = "<" local-part "@" domain ">"   ; RFC 822 msg-id, approximated:
//  local-part, domain = 1*( %x21-7E except "<" ">" "@" ) , "." allowed; "@" exactly once
public struct APOPTimestamp: Equatable, Sendable, CustomStringConvertible {
    /// The timestamp with its angle brackets, as it enters the digest.
    public let bytes: [UInt8]

    /// The first `<...>` in the greeting's text when it is a msg-id; nil when there is none
    /// or the first one is not of the msg-id form.
    public init?(greeting: POP3Response) {
        guard greeting.status == .ok else { return nil }
        self.init(text: greeting.text)
    }

    /// The first `<...>` in `text`, validated.
    public init?(text: some Collection<UInt8>) {
        let text = Array(text)
        guard let open = text.firstIndex(of: UInt8(ascii: "<")),
            let close = text[open...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let inner = text[(open + 1)..<close]
        guard inner.allSatisfy({ $0.isVisibleASCII && $0 != UInt8(ascii: "<") }),
            inner.filter({ $0 == UInt8(ascii: "@") }).count == 1,
            let at = inner.firstIndex(of: UInt8(ascii: "@")), at > inner.startIndex, at < inner.endIndex - 1
        else {
            return nil
        }
        bytes = Array(text[open...close])
    }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    /// APOP's digest (RFC 1939 7): MD5 of the timestamp followed by the shared secret, as 32
    /// lowercase hex digits.
    public func digest(secret: String) -> String {
        MD5.hexDigest(of: bytes + Array(secret.utf8))
    }
}
