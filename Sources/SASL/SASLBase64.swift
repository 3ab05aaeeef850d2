import Codec

/// Base64 the way the mail protocols carry SASL (SMTP RFC 4954, IMAP RFC 3501 and RFC 4959,
/// POP3 RFC 5034): the exchange itself works in raw bytes.
public enum SASLBase64 {
    /// An initial response sent with the command: an empty one is written `=`, because nothing
    /// at all means "no initial response".
    public static func encodeInitialResponse(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "=" : Base64.encode(bytes)
    }

    /// A response line answering a challenge: an empty response is an empty line.
    public static func encodeResponse(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes)
    }

    /// A challenge: the text after SMTP's `334 `, IMAP's `+ ` or POP3's `+ `. Empty text is an
    /// empty challenge; surrounding blanks are ignored. Anything but padded base64 is refused.
    public static func decodeChallenge(_ text: some StringProtocol) throws(SASLError) -> [UInt8] {
        var trimmed = Array(text.utf8)[...]
        let blanks: [UInt8] = [0x20, 0x09, 0x0D]
        while let first = trimmed.first, blanks.contains(first) { trimmed.removeFirst() }
        while let last = trimmed.last, blanks.contains(last) { trimmed.removeLast() }
        guard let bytes = Base64.decode(String(decoding: trimmed, as: UTF8.self)) else {
            throw SASLError(.badChallenge, "the server's SASL challenge is not valid base64")
        }
        return bytes
    }
}
