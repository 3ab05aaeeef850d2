/// RFC 2045 section 6: how a part's content is carried in a 7-bit or 8-bit message. The names
/// are curl's `encoder=` values and the header's values.
//  encoding  := "Content-Transfer-Encoding" ":" mechanism
//  mechanism := "7bit" / "8bit" / "binary" / "quoted-printable" / "base64" / ietf-token / x-token
public enum ContentTransferEncoding: String, CaseIterable, Equatable, Sendable {
    case sevenBit = "7bit"
    case eightBit = "8bit"
    case binary = "binary"
    case quotedPrintable = "quoted-printable"
    case base64 = "base64"

    /// curl's `encoder=` value, without regard to case.
    public init(name: String) throws(MIMEError) {
        guard let encoding = Self(rawValue: name.lowercased()) else {
            throw MIMEError(
                .badArgument,
                "Unknown encoder \"\(name)\": use 7bit, 8bit, binary, quoted-printable or base64")
        }
        self = encoding
    }

    /// Whether the content is sent as it is, so its lines may look like a boundary.
    public var isIdentity: Bool {
        switch self {
        case .sevenBit, .eightBit, .binary: true
        case .quotedPrintable, .base64: false
        }
    }
}
