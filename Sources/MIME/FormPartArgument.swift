import Codec

/// One `-F` argument in curl's syntax for mail (curl's `--form` documentation):
/// `name=text`, `name=<file` (text from a file), `name=@file` (an attachment), `=(` (a
/// multipart begins), `=)` (it ends), each followed by `;type=`, `;encoder=`, `;filename=`,
/// `;headers=` parameters. A value with `;` in it is written in double quotes (`\"` and `\\`
/// inside). The name is accepted and not used: mail parts have no form-field names.
public struct FormPartArgument: Equatable, Sendable {
    public enum Content: Equatable, Sendable {
        case text(String)
        case textFile(path: String)
        case attachment(path: String)
        case openMultipart
        case closeMultipart
    }

    public var name: String
    public var content: Content
    public var type: String?
    public var encoder: ContentTransferEncoding?
    public var filename: String?
    public var headers: [MIMEHeaderField] = []
    /// `headers=@FILE` (or `<FILE`): files of fields the caller reads (`MIMEHeaderField.fields(inFile:)`)
    /// and adds to `headers`.
    public var headerFiles: [String] = []

    /// - Throws: `MIMEError(.badArgument)` naming what is wrong.
    public init(parsing argument: String) throws(MIMEError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw MIMEError(
                .badArgument, "-F wants name=content (or =content for mail), not \"\(Self.shown(argument))\"")
        }
        name = String(argument[..<equals])
        var rest = Substring(argument[argument.index(after: equals)...])
        if rest.first == "(" {
            rest = rest.dropFirst()
            content = .openMultipart
        } else if rest == ")" {
            rest = ""
            content = .closeMultipart
        } else if rest.first == "@" || rest.first == "<" {
            let attachment = rest.first == "@"
            rest = rest.dropFirst()
            let path = try Self.word(&rest, stoppingAtComma: attachment)
            guard !path.isEmpty, path != "-" else {
                throw MIMEError(.badArgument, "-F \(attachment ? "@" : "<") needs a file name (stdin is not read here)")
            }
            content = attachment ? .attachment(path: path) : .textFile(path: path)
        } else {
            content = .text(try Self.word(&rest, stoppingAtComma: false))
        }
        try parseParameters(&rest)
    }

    private mutating func parseParameters(_ rest: inout Substring) throws(MIMEError) {
        while !rest.isEmpty {
            guard rest.first == ";" else {
                throw MIMEError(.badArgument, "-F: expected ;parameter at \"\(Self.shown(String(rest)))\"")
            }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else {
                throw MIMEError(.badArgument, "-F: a parameter is key=value, not \"\(Self.shown(String(rest)))\"")
            }
            let key = rest[..<equals].lowercased()
            rest = rest[rest.index(after: equals)...]
            let value = try Self.word(&rest, stoppingAtComma: false)
            switch key {
            case "type":
                guard MediaType.isAcceptable(value) else {
                    throw MIMEError(.badArgument, "-F: type= wants type/subtype, not \"\(Self.shown(value))\"")
                }
                type = value
            case "encoder": encoder = try ContentTransferEncoding(name: value)
            case "filename": filename = value
            case "headers":
                if value.hasPrefix("@") || value.hasPrefix("<") {
                    guard value.count > 1 else { throw MIMEError(.badArgument, "-F: headers=@ needs a file name") }
                    headerFiles.append(String(value.dropFirst()))
                } else {
                    headers.append(try MIMEHeaderField(parsing: value))
                }
            default:
                throw MIMEError(
                    .badArgument, "-F: unknown parameter \"\(Self.shown(key))\" (type, encoder, filename, headers)")
            }
        }
    }

    /// A value: `"quoted"` (with `\"`, `\\`) or everything up to `;` (and `,` for file names).
    static func word(_ rest: inout Substring, stoppingAtComma: Bool) throws(MIMEError) -> String {
        guard rest.first == "\"" else {
            let end = rest.firstIndex { $0 == ";" || (stoppingAtComma && $0 == ",") } ?? rest.endIndex
            if end < rest.endIndex && rest[end] == "," {
                throw MIMEError(.badArgument, "-F: one file per part (several files with , are not supported)")
            }
            defer { rest = rest[end...] }
            return String(rest[..<end])
        }
        var value = ""
        var index = rest.index(after: rest.startIndex)
        while index < rest.endIndex {
            var character = rest[index]
            if character == "\"" {
                rest = rest[rest.index(after: index)...]
                return value
            }
            if character == "\\", rest.index(after: index) < rest.endIndex {
                index = rest.index(after: index)
                character = rest[index]
            }
            value.append(character)
            index = rest.index(after: index)
        }
        throw MIMEError(.badArgument, "-F: a quoted value has no closing \"")
    }

    static func shown(_ text: String) -> String { printable(text, limit: 200) }
}
