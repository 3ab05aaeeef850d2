import Codec

/// One part of a composed message (RFC 2045 2.4 "entity"): its header fields and its body.
/// Built from `-F` arguments by `FormPartList`; turned into bytes by `MIMEComposer`.
public struct MIMEEntity: Equatable, Sendable {
    public enum Body: Equatable, Sendable {
        /// Text given on the command line.
        case text([UInt8])
        /// The content of a file (`<file`, `@file`), read while the message is sent.
        case file(path: String)
        /// `multipart/<subtype>` with its parts, in order.
        indirect case multipart(subtype: String, parts: [MIMEEntity])
    }

    public var body: Body
    /// `Content-Type` without the boundary for a multipart (which `MIMEComposer` adds).
    public var contentType: String
    /// nil for a multipart (its parts are encoded, RFC 2045 6.4).
    public var encoding: ContentTransferEncoding?
    /// `Content-Disposition: attachment; filename=...` when set.
    public var attachmentName: String?
    /// Fields from `headers=`, after the ones the composer writes.
    public var extraFields: [MIMEHeaderField]

    public init(
        body: Body, contentType: String, encoding: ContentTransferEncoding?, attachmentName: String? = nil,
        extraFields: [MIMEHeaderField] = []
    ) {
        self.body = body
        self.contentType = contentType
        self.encoding = encoding
        self.attachmentName = attachmentName
        self.extraFields = extraFields
    }

    /// The encoding to use when none was asked for: text that is ASCII with short lines as it
    /// is (7bit), other text quoted-printable, files' text quoted-printable, attachments base64.
    static func defaultEncoding(forText bytes: [UInt8]) -> ContentTransferEncoding {
        var length = 0
        for byte in bytes {
            if byte >= 0x80 || byte == 0 || byte == .cr { return .quotedPrintable }
            length = byte == .lf ? 0 : length + 1
            if length > MIMETransferEncoder.maxLineLength { return .quotedPrintable }
        }
        return .sevenBit
    }
}
