import CLI
import MIME
import SMTP

/// The message to send and what MAIL FROM declares about it: the upload (`-T`, stdin) with
/// `-H` fields put in front, or a MIME message composed from `-F` parts.
struct ComposedMessage {
    let source: MessageSource
    /// For SIZE: known for a regular file (plus the added fields), nil otherwise.
    let size: UInt64?
    let eightBit: MailParameters.EightBitContent

    static func make(
        _ options: MessageCompositionOptions, uploadFile: String?, standardInput: Int32
    ) throws -> ComposedMessage {
        let fields = try options.headers.map { try MIMEHeaderField(parsing: $0) }
        if !options.forms.isEmpty {
            guard uploadFile == nil else { throw ToolError.usage("-F and -T exclude each other") }
            return try MIMEFormMessage.make(forms: options.forms, fields: fields)
        }
        let file = try FileMessageSource(path: uploadFile, standardInput: standardInput)
        var eightBit = try file.eightBitContent()
        guard !fields.isEmpty else {
            return ComposedMessage(source: file, size: file.regularFileSize, eightBit: eightBit)
        }
        let prefix = fields.flatMap { $0.encoded }
        if prefix.contains(where: { $0 >= 0x80 }) { eightBit = .present }
        return ComposedMessage(
            source: PrefixedMessageSource(prefix: prefix, rest: file),
            size: file.regularFileSize.map { $0 + UInt64(prefix.count) }, eightBit: eightBit)
    }
}
