/// The drop listing of a STAT response (RFC 1939 5): how many messages and how many octets.
/// RFC 1939 makes no requirement on what follows the size; it is ignored after a space.
//  stat-resp    = "+OK" SP drop-listing CRLF
//  drop-listing = count SP size [SP *CHAR]
public struct POP3Maildrop: Equatable, Sendable {
    public let messageCount: UInt32
    public let size: UInt64

    public init(messageCount: UInt32, size: UInt64) {
        self.messageCount = messageCount
        self.size = size
    }

    /// Parses the text of STAT's `+OK`.
    /// - Throws: `POP3Error(.malformedResponse)`.
    public init(stat response: POP3Response) throws(POP3Error) {
        let fields = response.text.splitAtSpaces()
        guard fields.count >= 2, let size = POP3Number.unsigned(fields[1]),
            let count = POP3Number.unsigned(fields[0]), count <= UInt64(UInt32.max)
        else {
            throw POP3Error.malformed("Invalid STAT response from server: \(response.summary)")
        }
        self.init(messageCount: UInt32(count), size: size)
    }
}
