/// Turns `-F` arguments, in order, into the message's entity tree: a `multipart/mixed` root
/// (as curl makes it), `=(` ... `=)` nesting, and each part's type, encoding and file name.
public enum FormPartList {
    /// Multiparts nested deeper than this are refused (each level is one more boundary).
    public static let maxDepth = 16

    public static func entity(_ arguments: [FormPartArgument]) throws(MIMEError) -> MIMEEntity {
        var stack: [(subtype: String, argument: FormPartArgument?, parts: [MIMEEntity])] = [("mixed", nil, [])]
        for argument in arguments {
            switch argument.content {
            case .openMultipart:
                guard stack.count <= maxDepth else { throw MIMEError(.badArgument, "-F: =( nested too deeply") }
                stack.append((try multipartSubtype(argument.type), argument, []))
            case .closeMultipart:
                guard stack.count > 1, let open = stack.popLast() else {
                    throw MIMEError(.badArgument, "-F: =) without an open =(")
                }
                stack[stack.count - 1].parts.append(try multipart(open.subtype, open.argument, open.parts))
            default:
                stack[stack.count - 1].parts.append(try leaf(argument))
            }
        }
        guard stack.count == 1 else { throw MIMEError(.badArgument, "-F: =( without its =)") }
        return try multipart("mixed", nil, stack[0].parts)
    }

    private static func multipart(
        _ subtype: String, _ argument: FormPartArgument?, _ parts: [MIMEEntity]
    )
        throws(MIMEError) -> MIMEEntity
    {
        guard !parts.isEmpty else { throw MIMEError(.badArgument, "-F: a multipart needs at least one part") }
        return MIMEEntity(
            body: .multipart(subtype: subtype, parts: parts), contentType: "multipart/" + subtype, encoding: nil,
            extraFields: argument?.headers ?? [])
    }

    private static func multipartSubtype(_ type: String?) throws(MIMEError) -> String {
        guard let type else { return "mixed" }
        let lower = type.lowercased()
        guard lower.hasPrefix("multipart/"), !lower.contains(";"), lower.count > 10 else {
            throw MIMEError(.badArgument, "-F: =( takes type=multipart/SUBTYPE, not \"\(type)\"")
        }
        return String(lower.dropFirst(10))
    }

    private static func leaf(_ argument: FormPartArgument) throws(MIMEError) -> MIMEEntity {
        switch argument.content {
        case .text(let text):
            let bytes = Array(text.utf8)
            let ascii = bytes.allSatisfy { $0 < 0x80 }
            return MIMEEntity(
                body: .text(bytes), contentType: argument.type ?? (ascii ? "text/plain" : "text/plain; charset=utf-8"),
                encoding: argument.encoder ?? MIMEEntity.defaultEncoding(forText: bytes),
                attachmentName: argument.filename, extraFields: argument.headers)
        case .textFile(let path):
            return MIMEEntity(
                body: .file(path: path), contentType: argument.type ?? "text/plain; charset=utf-8",
                encoding: argument.encoder ?? .quotedPrintable, attachmentName: argument.filename,
                extraFields: argument.headers)
        case .attachment(let path):
            let base = String(path.split(separator: "/").last ?? Substring(path))
            return MIMEEntity(
                body: .file(path: path), contentType: argument.type ?? MediaType.forFileName(base),
                encoding: argument.encoder ?? .base64, attachmentName: argument.filename ?? base,
                extraFields: argument.headers)
        case .openMultipart, .closeMultipart:
            throw MIMEError(.badArgument, "-F: misplaced =( or =)")
        }
    }
}
