#if canImport(Glibc)
    import Glibc
#endif

/// Blanks secrets in the process's own argv, as curl does, so `ps` and /proc/PID/cmdline stop
/// showing them once the tool has read them. The copies the tool works with are unaffected.
package enum SecretArguments {
    /// Options whose argument is (or contains) a secret.
    package static let longOptions: Set<String> = [
        "user", "pass", "tlspassword", "oauth2-bearer", "cert", "proxy-user",
    ]
    package static let shortOptions: Set<Character> = ["u", "E"]

    /// Whether a config-file setting holds a secret: `user`/`cert` with `:PASSWORD`, or an
    /// option whose whole argument is one (`pass`, `tlspassword`, `oauth2-bearer`).
    package static func holdsSecret(key: String, value: String?) -> Bool {
        let long = key == "-u" ? "user" : key == "-E" ? "cert" : key
        guard longOptions.contains(long) else { return false }
        switch long {
        case "user", "proxy-user", "cert": return value?.contains(":") ?? false
        default: return value != nil
        }
    }

    package static func scrub(specs: [OptionSpec]) {
        let argc = Int(CommandLine.argc)
        let argv = CommandLine.unsafeArgv
        var index = 1
        while index < argc {
            guard let raw = argv[index] else { break }
            let argument = String(cString: raw)
            if argument.hasPrefix("--"), longOptions.contains(String(argument.dropFirst(2))) {
                if index + 1 < argc, let value = argv[index + 1] { blank(value, keepingPrefix: 0) }
                index += 2
                continue
            }
            if argument.hasPrefix("-"), !argument.hasPrefix("--") {
                // Grouped short flags: a secret option takes the rest of the word or the next one.
                for (offset, letter) in argument.dropFirst().enumerated() {
                    guard let spec = specs.first(where: { $0.short == letter }), spec.takesArgument else { continue }
                    if shortOptions.contains(letter) {
                        if offset + 2 < argument.utf8.count {
                            blank(raw, keepingPrefix: offset + 2)
                        } else if index + 1 < argc, let value = argv[index + 1] {
                            blank(value, keepingPrefix: 0)
                        }
                    }
                    break
                }
            }
            index += 1
        }
    }

    /// Overwrites the C string after `keepingPrefix` bytes with spaces (its length is kept, so
    /// the kernel's view of argv stays well formed).
    private static func blank(_ string: UnsafeMutablePointer<CChar>, keepingPrefix: Int) {
        let length = strlen(string)
        guard length > keepingPrefix else { return }
        memset(string + keepingPrefix, 0x20, length - keepingPrefix)
    }
}
