/// A POP3 unique-id (RFC 1939 7): what names a message across sessions, so a client can tell
/// which messages it already has. 1 to 70 characters in 0x21-0x7E.
//  unique-id = 1*70 ( %x21-7E )
public struct UIDL: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maxLength = 70

    public let value: String

    /// - Throws: `POP3Error(.malformedResponse)` when the bytes are not a unique-id.
    /// Whether the bytes are a unique-id: 1 to 70 bytes in 0x21-0x7E.
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= Self.maxLength && bytes.allSatisfy(\.isVisibleASCII)
    }

    public init(_ bytes: some Collection<UInt8>) throws(POP3Error) {
        guard Self.isValid(bytes) else {
            let shown = bytes.prefix(80).map { $0.isVisibleASCII ? Character(UnicodeScalar($0)) : "?" }
            throw POP3Error.malformed(
                "Server sent an invalid UIDL \"\(String(shown))\" (\(bytes.count) bytes; "
                    + "1 to 70 printable characters expected)")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    public init(_ string: String) throws(POP3Error) {
        try self.init(Array(string.utf8))
    }

    public static func < (a: UIDL, b: UIDL) -> Bool { a.value < b.value }
    public var description: String { value }
}
