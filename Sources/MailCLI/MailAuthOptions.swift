import CLI
import CurlURL
import SASL

#if canImport(Glibc)
    import Glibc
#endif

/// How the mail tools log in: `-u`, `--netrc`, `--login-options AUTH=<mech>`, `--sasl-authzid`,
/// `--sasl-ir`, `--oauth2-bearer`. Credentials come from `-u`, then the URL, then netrc, and a
/// missing password from `--passwordeval`'s command, else the terminal.
public struct MailAuthOptions: OptionGroup {
    public var user: String?
    public var netrc = false
    public var netrcFile: String?
    public var loginOptions: String?
    public var authorizationID: String?
    /// RFC 4954 lets every SMTP AUTH carry an initial response; on by default (one round trip less).
    public var initialResponse = true
    public var bearerToken: String?
    /// `--passwordeval`: the command that prints a missing password.
    public var passwordCommand: String?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec(
            "user", short: "u", argument: "USER[:PASSWORD]",
            help: "Login name and password (prompts for a missing password)"),
        OptionSpec("netrc", short: "n", help: "Take the login from ~/.netrc"),
        OptionSpec("netrc-file", argument: "FILE", help: "Take the login from FILE in .netrc format"),
        OptionSpec(
            "login-options", argument: "OPTIONS", help: "Login options, e.g. AUTH=SCRAM-SHA-256 or AUTH=* (any)"),
        OptionSpec("sasl-authzid", argument: "IDENTITY", help: "SASL authorization identity (act as another user)"),
        OptionSpec(
            "sasl-ir", help: "Send the SASL initial response with the AUTH command (the default; --no-sasl-ir waits)"),
        OptionSpec("oauth2-bearer", argument: "TOKEN", help: "OAuth 2.0 bearer token (OAUTHBEARER, XOAUTH2)"),
        PasswordCommand.spec,
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "user": user = option.argument
        case "netrc": netrc = !option.negated
        case "netrc-file": netrcFile = option.argument
        case "login-options": loginOptions = option.argument
        case "sasl-authzid": authorizationID = option.argument
        case "sasl-ir": initialResponse = !option.negated
        case "oauth2-bearer": bearerToken = option.argument
        case "passwordeval": passwordCommand = option.argument
        default: return false
        }
        return true
    }

    /// The mechanism preference from `--login-options` (or the URL's `;AUTH=`): curl's syntax,
    /// `key=value` pairs joined by `;`.
    public func preference(url: CurlURL) throws(ToolError) -> SASLMechanismPreference {
        let text = loginOptions ?? url.loginOptions ?? ""
        let values = try authValues(url: url).filter { $0.uppercased() != "+APOP" }
        guard let preference = SASLMechanismPreference(authValues: values) else {
            throw ToolError(.urlMalformat, "Login options: '\(text)' names no SASL mechanism")
        }
        if case .only(let mechanisms) = preference,
            let unknown = mechanisms.first(where: {
                !SASLMechanismChoice.isKnown($0)
            })
        {
            throw ToolError(.urlMalformat, "Login options: unknown SASL mechanism '\(unknown)'")
        }
        return preference
    }

    /// POP3's APOP (curl's `AUTH=+APOP`), which is not a SASL mechanism.
    public func wantsAPOP(url: CurlURL) throws(ToolError) -> Bool {
        try authValues(url: url).contains { $0.uppercased() == "+APOP" }
    }

    /// The values of the `AUTH=` keys of `--login-options` (or the URL's `;AUTH=`): curl's
    /// syntax, `key=value` pairs joined by `;`.
    private func authValues(url: CurlURL) throws(ToolError) -> [String] {
        let text = loginOptions ?? url.loginOptions ?? ""
        var values: [String] = []
        for pair in text.split(separator: ";") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].uppercased() == "AUTH" else {
                throw ToolError(
                    .urlMalformat, "Login options: unknown option '\(pair)' (only AUTH=<mechanism> is known)")
            }
            values.append(String(parts[1]))
        }
        return values
    }

    /// The credentials to log in with, or nil when none were given (no AUTH then).
    public func credentials(
        url: CurlURL, environment: [String: String], prompt: PasswordPrompt
    ) throws -> SASLCredentials? {
        var login: String?
        var password: String?
        if let user {
            // curl splits at the first colon: the password may hold colons, the user may not.
            if let colon = user.firstIndex(of: ":") {
                (login, password) = (String(user[..<colon]), String(user[user.index(after: colon)...]))
            } else {
                login = user
            }
        } else if let urlUser = url.user {
            (login, password) = (urlUser, url.password)
        }
        if (netrc || netrcFile != nil) && (login == nil || password == nil) {
            let path = netrcFile ?? ((environment["HOME"] ?? "") + "/.netrc")
            // Like curl, a missing ~/.netrc is no entry; a named --netrc-file must exist.
            let text = netrcFile == nil && access(path, F_OK) != 0 ? "" : try Self.read(path)
            if let entry = try Netrc(parsing: text).entry(for: url.host, user: login) {
                // curl 26: a control character (an escaped CR LF) would end the command early.
                let values = [login == nil ? entry.login : nil, password == nil ? entry.password : nil]
                if values.contains(where: {
                    $0?.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } == true
                }) {
                    throw ToolError(.readError, "control code detected in .netrc credentials (\(path))")
                }
                login = login ?? entry.login
                password = password ?? entry.password
            } else if netrcFile != nil {
                throw ToolError(.loginDenied, "netrc: no entry for \(url.host) in \(path)")
            }
        }
        if let token = bearerToken {
            return SASLCredentials(
                user: login ?? "", password: password, authorizationID: authorizationID, bearerToken: token)
        }
        // EXTERNAL, ANONYMOUS, GSSAPI need no password, and EXTERNAL not even a user: none is
        // asked for (curl tests 837, 838, 883).
        if password == nil, try onlyPasswordless(url: url) {
            return SASLCredentials(user: login ?? "", password: nil, authorizationID: authorizationID)
        }
        guard let login else { return nil }
        if password == nil {
            password = try PasswordCommand.hostPassword(user: login, command: passwordCommand, prompt: prompt)
        }
        return SASLCredentials(user: login, password: password, authorizationID: authorizationID)
    }

    /// The user allowed only mechanisms that need no password.
    private func onlyPasswordless(url: CurlURL) throws(ToolError) -> Bool {
        guard case .only(let mechanisms) = try preference(url: url) else { return false }
        return mechanisms.allSatisfy(SASLMechanismChoice.passwordless.contains)
    }

    /// The netrc file's text; refused when it holds a password that others may read.
    private static func read(_ path: String) throws(ToolError) -> String {
        let (bytes, mode) = try SecretFile.read(path, what: "netrc file")
        let text = String(decoding: bytes, as: UTF8.self)
        if try Netrc(parsing: text).holdsPasswords {
            try SecretFile.requirePrivate(path, mode: mode, what: "netrc file")
        }
        return text
    }
}
