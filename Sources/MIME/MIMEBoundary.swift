/// A multipart boundary (RFC 2046 5.1.1): `=_mailtls_` and 24 random letters and digits.
/// `=_` never occurs in base64 or quoted-printable output, so only parts sent as they are
/// (7bit, 8bit, binary) need checking, which `MIMEComposer` does before using a boundary.
//  boundary := 0*69<bchars> bcharsnospace
//  bchars   := bcharsnospace / " "
public struct MIMEBoundary: Equatable, Sendable {
    public let value: String

    public init(value: String) { self.value = value }

    public init<G: RandomNumberGenerator>(using generator: inout G) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        value = "=_mailtls_" + String((0..<24).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    /// `--boundary`, what a delimiter line starts with.
    public var dashed: [UInt8] { Array(("--" + value).utf8) }

    /// `multipart/<subtype>; boundary="..."` (quoted: `=` is a tspecial).
    public func contentType(_ subtype: String) -> String {
        "multipart/\(subtype); boundary=\"\(value)\""
    }
}

/// Finds `--boundary` in content read in pieces (the boundary may span two pieces).
public struct BoundaryScanner: Sendable {
    private let needle: [UInt8]
    private var tail: [UInt8] = []
    public private(set) var found = false

    public init(_ boundary: MIMEBoundary) { needle = boundary.dashed }

    public mutating func scan(_ bytes: some Collection<UInt8>) {
        guard !found else { return }
        let window = tail + bytes
        if window.count >= needle.count {
            for start in 0...(window.count - needle.count) where window[start] == needle[0] {
                if window[start..<(start + needle.count)].elementsEqual(needle) {
                    found = true
                    return
                }
            }
        }
        tail = Array(window.suffix(needle.count - 1))
    }
}
