import Codec

/// One `-H` argument, with curl's meanings. A custom header replaces the default header of the
/// same name (Host, User-Agent, Accept, Content-Type, Content-Length, Authorization).
public enum HTTPCustomHeader: Sendable, Equatable {
    /// `-H 'Name: value'`: send this field (and not the default of that name).
    case set(name: String, value: String)
    /// `-H 'Name:'`: send no field of that name, not even the default.
    case remove(name: String)
    /// `-H 'Name;'`: send the field with an empty value.
    case empty(name: String)

    public var name: String {
        switch self {
        case .set(let name, _), .remove(let name), .empty(let name): return name
        }
    }

    /// Parses a `-H` argument. Returns nil for text curl silently ignores (no `:` and no
    /// trailing `;`, e.g. `-H foo`), so curl command lines keep working.
    /// - Throws: `HTTPError(.badRequestArgument)` for CR, LF or NUL anywhere, or a name that is
    ///   not a token (empty, spaces, `X : y`): such a header would split the request or be read
    ///   differently by different servers. curl sends these as given; this is stricter.
    public static func parse(_ argument: String) throws -> HTTPCustomHeader? {
        guard !argument.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            throw HTTPError(
                .badRequestArgument, "Header \"\(printable(argument.utf8.prefix(60)))\" contains CR, LF or NUL")
        }
        if let colon = argument.firstIndex(of: ":") {
            let name = String(argument[..<colon])
            let value = trimmed(argument[argument.index(after: colon)...])
            try checkName(name)
            return value.isEmpty ? .remove(name: name) : .set(name: name, value: value)
        }
        let text = trimmed(Substring(argument))
        guard text.hasSuffix(";") else { return nil }
        let name = String(text.dropLast())
        try checkName(name)
        return .empty(name: name)
    }

    private static func checkName(_ name: String) throws {
        guard HTTPField.isToken(name) else {
            throw HTTPError(
                .badRequestArgument, "Header name \"\(printable(name.utf8.prefix(60)))\" is not a token (RFC 9110 5.1)")
        }
    }

    private static func trimmed(_ text: Substring) -> String {
        String(decoding: HTTPField.trimmingWhitespace(ArraySlice(text.utf8)), as: UTF8.self)
    }
}
