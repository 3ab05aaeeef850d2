import CLI

/// curl's options that shape the message: `-F` composes a MIME message, `-H` adds header
/// fields, `--crlf` asks for CR LF line endings (always done here).
public struct MessageCompositionOptions: OptionGroup {
    public var forms: [String] = []
    public var headers: [String] = []
    public var crlf = false

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec(
            "form", short: "F", argument: "PART",
            help: "Compose a MIME message: =text, =<file (text), =@file (attachment), =( and =) for nesting"),
        OptionSpec("header", short: "H", argument: "LINE", help: "Add a header field (Name: value) to the message"),
        OptionSpec("crlf", help: "Send line endings as CR LF (always done; accepted for curl)"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "form": forms.append(option.argument)
        case "header": headers.append(option.argument)
        case "crlf": crlf = !option.negated
        default: return false
        }
        return true
    }
}
