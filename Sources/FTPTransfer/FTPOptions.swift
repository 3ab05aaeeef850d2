import CLI
import FTP

/// `ftp-transfer`'s own options, as curl spells them.
struct FTPOptions: OptionGroup {
    var user: String?
    /// `--passwordeval`: the command that prints a missing password.
    var passwordCommand: String?
    var output: String?
    var uploadFile: String?
    var listOnly = false
    var createDirectories = false
    /// `-Q`, as curl sorts it: plain commands right after login, `+` ones after the directory
    /// changes (just before the transfer), `-` ones after a successful transfer.
    var quote: [String] = []
    var quoteBeforeTransfer: [String] = []
    var quoteAfterTransfer: [String] = []
    var disableEPSV = false
    var skipPassiveAddress = true
    var clearCommandChannel = false
    /// `-C`: nil, an offset, or `-` (from the size already there).
    var continueAt: ContinueAt?
    var method = FTPPath.Method.multicwd
    var range: FTPByteRange?

    enum ContinueAt: Equatable { case offset(UInt64), automatic }

    static let specs: [OptionSpec] = [
        OptionSpec("user", short: "u", argument: "USER[:PASSWORD]", help: "Login (default: anonymous)"),
        PasswordCommand.spec,
        OptionSpec(
            "output", short: "o", argument: "FILE",
            help: "Write the download to FILE (renamed into place when complete)"),
        OptionSpec(
            "upload-file", short: "T", argument: "FILE",
            help: "Upload FILE (to the URL's name, or FILE's name after a /)"),
        OptionSpec("list-only", short: "l", help: "List names only (NLST) for a directory URL"),
        OptionSpec("ftp-create-dirs", help: "Create missing directories of an upload's path"),
        OptionSpec(
            "quote", short: "Q", argument: "COMMAND",
            help: "Send COMMAND after login (+COMMAND: just before the transfer, -COMMAND: after it)"
        ),
        OptionSpec("disable-epsv", help: "Use PASV only, not EPSV"),
        OptionSpec("ftp-pasv", help: "Passive data connections (the default and the only mode)"),
        OptionSpec("ftp-skip-pasv-ip", help: "Ignore PASV's address, reuse the control connection's host (default on)"),
        OptionSpec("ftp-ssl-ccc", help: "Clear the command channel after login (CCC); data stays protected"),
        OptionSpec(
            "continue-at", short: "C", argument: "OFFSET", help: "Resume at OFFSET, or - for the size already there"),
        OptionSpec(
            "ftp-method", argument: "METHOD", help: "How to reach the file: multicwd (default), nocwd, singlecwd"),
        OptionSpec("range", short: "r", argument: "RANGE", help: "Download only bytes START-END, START- or -LAST"),
    ]

    mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "user": user = option.argument
        case "passwordeval": passwordCommand = option.argument
        case "output": output = option.argument
        case "upload-file": uploadFile = option.argument
        case "list-only": listOnly = !option.negated
        case "ftp-create-dirs": createDirectories = !option.negated
        case "quote":
            switch option.argument.first {
            case "-": quoteAfterTransfer.append(String(option.argument.dropFirst()))
            case "+": quoteBeforeTransfer.append(String(option.argument.dropFirst()))
            default: quote.append(option.argument)
            }
        case "disable-epsv": disableEPSV = !option.negated
        case "ftp-pasv":
            guard !option.negated else { throw ToolError.usage("active FTP (--no-ftp-pasv, -P) is not supported") }
        case "ftp-skip-pasv-ip": skipPassiveAddress = !option.negated
        case "ftp-ssl-ccc": clearCommandChannel = !option.negated
        case "continue-at": continueAt = try Self.continueAt(option.argument)
        case "ftp-method":
            guard let method = FTPPath.Method(rawValue: option.argument) else {
                throw ToolError.usage(
                    "option --ftp-method: unknown method '\(option.argument)' (multicwd, nocwd, singlecwd)")
            }
            self.method = method
        case "range":
            guard let range = FTPByteRange(option.argument) else {
                throw ToolError.usage("option --range: expected START-END, START- or -LAST")
            }
            self.range = range
        default: return false
        }
        return true
    }

    private static func continueAt(_ text: String) throws(ToolError) -> ContinueAt {
        if text == "-" { return .automatic }
        guard let offset = UInt64(text) else { throw ToolError.usage("option --continue-at: expected a number or -") }
        return .offset(offset)
    }

    /// The login: `-u`, else the URL's, else anonymous with curl's password.
    /// `-u user:password`, else the URL's login, else anonymous (curl's `ftp@example.com`). A
    /// `-u user` without a password runs `--passwordeval` or is asked for, as curl does, never
    /// sent empty.
    func login(
        urlUser: String?, urlPassword: String?, prompt: PasswordPrompt
    ) throws -> (user: String, password: String, anonymous: Bool) {
        if let user {
            let parts = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count > 1 { return (String(parts[0]), String(parts[1]), false) }
            let typed = try PasswordCommand.hostPassword(
                user: String(parts[0]), command: passwordCommand, prompt: prompt)
            return (String(parts[0]), typed, false)
        }
        if let urlUser, !urlUser.isEmpty { return (urlUser, urlPassword ?? "", false) }
        return ("anonymous", "ftp@example.com", true)
    }
}
