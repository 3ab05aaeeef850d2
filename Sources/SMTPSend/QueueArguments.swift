import CLI

/// The arguments a queue entry keeps to be sent again with: the server (URL without its
/// password, or the account), and every option that shapes the session (TLS, STARTTLS policy,
/// SASL mechanism, timeouts, `--mail-auth`, `--mail-rcpt-allowfails`, `--config`), but never a
/// secret (`-u`, `--pass`, `--tlspassword`, `--oauth2-bearer`, `--cert` — which may carry a pass
/// phrase), nothing about this run's output (`-v`, `-s`, `--trace-ascii`), and nothing the entry
/// itself holds (the message, its sender and recipients). A flush adds its own command line
/// after them, so credentials are given there (or come from `--netrc` or the account).
enum QueueArguments {
    static let leftOut: Set<String> = SecretArguments.longOptions.union([
        "verbose", "silent", "show-error", "trace-ascii", "upload-file", "read-recipients", "mail-from",
        "mail-rcpt", "add-from", "from-name", "queue", "flush-queue", "sendmail", "help", "version",
    ])

    static func make(url: String?, options: [ParsedOption]) -> [String] {
        var result = url.map { [withoutPassword($0)] } ?? []
        for option in options where !leftOut.contains(option.name) {
            let name = (option.negated ? "--no-" : "--") + option.name
            result += option.spec.takesArgument ? [name, option.argument] : [name]
        }
        return result
    }

    /// `smtp://user:secret@host/` → `smtp://user@host/`: the user name stays (so `--netrc`
    /// finds the password at flush time), the password never reaches the disk.
    static func withoutPassword(_ url: String) -> String {
        let characters = Array(url)
        var start = 0
        while start + 2 < characters.count, characters[start..<start + 3] != [":", "/", "/"] { start += 1 }
        guard start + 2 < characters.count else { return url }
        let authorityStart = start + 3
        var end = authorityStart
        while end < characters.count, !["/", "?", "#"].contains(characters[end]) { end += 1 }
        guard let at = characters[authorityStart..<end].lastIndex(of: "@"),
            let colon = characters[authorityStart..<at].firstIndex(of: ":")
        else { return url }
        return String(characters[..<colon] + characters[at...])
    }
}
