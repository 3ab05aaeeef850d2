import Codec

/// The ESMTP parameters of MAIL FROM, and the rule choosing them from what the server offers.
public struct MailParameters: Equatable, Sendable {
    /// SIZE=n: the message size the client declares (RFC 1870).
    public var size: UInt64?
    /// BODY=8BITMIME (RFC 6152).
    public var eightBitMIME: Bool
    /// SMTPUTF8 (RFC 6531).
    public var smtpUTF8: Bool
    /// AUTH=<...> (RFC 4954 section 5): the authenticated submitter, `Mailbox.null` for `<>`.
    public var auth: Mailbox?

    public init(size: UInt64? = nil, eightBitMIME: Bool = false, smtpUTF8: Bool = false, auth: Mailbox? = nil) {
        self.size = size
        self.eightBitMIME = eightBitMIME
        self.smtpUTF8 = smtpUTF8
        self.auth = auth
    }

    /// Whether the message has bytes over 127. MAIL FROM goes out before the body, so a body
    /// read from a stream is `.unknown` unless the caller scanned it first.
    public enum EightBitContent: Equatable, Sendable {
        case none, present, unknown
    }

    /// The parameters to send, or the reason the message cannot be sent to this server.
    ///
    /// - SIZE=n when the server offers SIZE and the size is known (RFC 1870 forbids it
    ///   otherwise); over the server's limit is `.messageTooLarge`. RFC 1870 asks for the
    ///   size with CR LF line endings and without stuffing dots; an estimate such as the file
    ///   size is allowed, and is what curl sends.
    /// - BODY=8BITMIME when the server offers 8BITMIME and the body is not known to be 7-bit
    ///   (declaring it for 7-bit data is harmless); 8-bit bytes without 8BITMIME are
    ///   `.needs8BitMIME`; an `.unknown` body to such a server goes without BODY, as curl sends it.
    /// - SMTPUTF8 when an envelope address is not ASCII; without the extension,
    ///   `.needsSMTPUTF8`. (UTF-8 header fields, RFC 6532, are not seen here.)
    /// - AUTH=<...> only when asked for and the session authenticated (so the server offers
    ///   AUTH), as curl does; otherwise it is left out silently.
    public static func negotiate(
        sender: Mailbox, recipients: [Mailbox], auth: Mailbox?,
        messageSize: UInt64?, eightBit: EightBitContent,
        capabilities: SMTPCapabilities, authenticated: Bool
    ) throws -> MailParameters {
        var parameters = MailParameters()
        if capabilities.size, let messageSize {
            if let limit = capabilities.maximumMessageSize, messageSize > limit {
                throw SMTPError(
                    .messageTooLarge,
                    "Message too large: \(messageSize) bytes, the server accepts at most \(limit)")
            }
            parameters.size = messageSize
        }
        if capabilities.eightBitMIME {
            parameters.eightBitMIME = eightBit != .none
        } else if eightBit == .present {
            throw SMTPError(.needs8BitMIME, "The message has 8-bit bytes and the server does not offer 8BITMIME")
        }
        let envelope = [sender] + recipients + (auth.map { [$0] } ?? [])
        if let address = envelope.first(where: { $0.requiresSMTPUTF8 }) {
            guard capabilities.smtpUTF8 else {
                throw SMTPError(
                    .needsSMTPUTF8,
                    "Address \"\(printable(address.address, limit: 200))\" is not ASCII and the server does not offer SMTPUTF8"
                )
            }
            parameters.smtpUTF8 = true
        }
        if let auth, authenticated {
            parameters.auth = auth
        }
        return parameters
    }
}
