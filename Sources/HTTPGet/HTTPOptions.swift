import CLI
import HTTP

/// curl's HTTP options, as `http-get` takes them.
public struct HTTPOptions: OptionGroup {
    public var head = false
    public var include = false
    /// `-d` and `--data-binary` arguments in order; `binary` keeps a file's line ends.
    public var data: [(argument: String, binary: Bool)] = []
    public var uploadFile: String?
    public var headers: [String] = []
    public var location = false
    public var maxRedirects = 50
    public var fail = false
    public var userAgent: String?
    public var request: String?
    public var user: String?
    /// `--passwordeval`: the command that prints a missing password.
    public var passwordCommand: String?
    public var output: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("output", short: "o", argument: "FILE", help: "Write the body to FILE instead of stdout"),
        OptionSpec("head", short: "I", help: "Send HEAD and show only the response headers"),
        OptionSpec("include", short: "i", help: "Include the response headers in the output"),
        OptionSpec(
            "data", short: "d", argument: "DATA",
            help: "POST DATA (@FILE reads a file, newlines removed; repeats join with &)"),
        OptionSpec("data-binary", argument: "DATA", help: "POST DATA as given (@FILE reads a file byte for byte)"),
        OptionSpec("upload-file", short: "T", argument: "FILE", help: "PUT FILE (- for stdin)"),
        OptionSpec(
            "header", short: "H", argument: "LINE",
            help: "Extra header 'Name: value' ('Name:' removes one, 'Name;' sends it empty)"),
        OptionSpec("location", short: "L", help: "Follow redirects"),
        OptionSpec(
            "max-redirs", argument: "NUM", help: "Maximum number of redirects with -L (default 50, -1 unlimited)"),
        OptionSpec("fail", short: "f", help: "Fail with exit code 22 and no output on HTTP errors (400 and above)"),
        OptionSpec("user-agent", short: "A", argument: "NAME", help: "User-Agent to send"),
        OptionSpec("request", short: "X", argument: "METHOD", help: "Request method to use instead of GET/POST/PUT"),
        OptionSpec(
            "user", short: "u", argument: "USER[:PASSWORD]",
            help: "Basic authentication credentials (prompts for a missing password)"),
        PasswordCommand.spec,
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "head": head = !option.negated
        case "include": include = !option.negated
        case "data": data.append((option.argument, false))
        case "data-binary": data.append((option.argument, true))
        case "upload-file": uploadFile = option.argument
        case "header": headers.append(option.argument)
        case "location": location = !option.negated
        case "max-redirs": maxRedirects = try OptionValue.integer(option)
        case "fail": fail = !option.negated
        case "user-agent": userAgent = option.argument
        case "request": request = option.argument
        case "user": user = option.argument
        case "passwordeval": passwordCommand = option.argument
        case "output": output = option.argument
        default: return false
        }
        return true
    }
}
