/// A `.netrc` file (curl's `--netrc`, `--netrc-file`): `machine HOST login USER password PASS`,
/// `default`, and `macdef` blocks skipped. Pure: parsing takes the file's text.
public struct Netrc: Equatable {
    public struct Entry: Equatable {
        public var login: String?
        public var password: String?
    }

    public var machines: [(host: String, entry: Entry)] = []
    public var fallback: Entry?

    public static func == (a: Netrc, b: Netrc) -> Bool {
        a.fallback == b.fallback && a.machines.map(\.host) == b.machines.map(\.host)
            && a.machines.map(\.entry) == b.machines.map(\.entry)
    }

    public init(parsing text: String) throws(ToolError) {
        let tokens = Netrc.tokens(text)
        var index = 0
        var current: (host: String?, entry: Entry)?
        func commit() {
            guard let c = current else { return }
            if let host = c.host { machines.append((host, c.entry)) } else if fallback == nil { fallback = c.entry }
            current = nil
        }
        func value(after keyword: String) throws(ToolError) -> String {
            index += 1
            guard index < tokens.count else { throw ToolError.usage("netrc: '\(keyword)' without a value") }
            return tokens[index]
        }
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case "machine":
                commit()
                current = (try value(after: token), Entry())
            case "default":
                commit()
                current = (nil, Entry())
            case "login":
                let v = try value(after: token)
                current?.entry.login = v
            case "password":
                let v = try value(after: token)
                current?.entry.password = v
            case "account": _ = try value(after: token)
            case "macdef":
                // A macro runs to the next empty line; its text is not ours to read.
                commit()
                _ = try value(after: token)
                index += 1
                while index < tokens.count && tokens[index] != "\n\n" { index += 1 }
            default: break
            }
            index += 1
        }
        commit()
    }

    /// Some entry has a password: the file must be private to its owner.
    public var holdsPasswords: Bool {
        fallback?.password != nil || machines.contains { $0.entry.password != nil }
    }

    /// The login for `host` (exact match, else `default`); nil when the file names neither.
    public func entry(for host: String, user: String? = nil) -> Entry? {
        let candidates = machines.filter { $0.host.lowercased() == host.lowercased() }.map(\.entry)
        if let user { return candidates.first { $0.login == user } ?? (fallback?.login == user ? fallback : nil) }
        return candidates.first ?? fallback
    }

    /// Whitespace-separated words, with double-quoted words and backslash escapes as curl reads
    /// them; a blank line is kept as a "\n\n" token so `macdef` knows where it ends.
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        var inQuotes = false
        var escaped = false
        var newlines = 0
        for c in text {
            if escaped {
                word.append(c)
                escaped = false
                continue
            }
            if c == "\\" && inQuotes {
                escaped = true
                continue
            }
            if c == "\"" {
                inQuotes.toggle()
                continue
            }
            if !inQuotes && (c == " " || c == "\t" || c == "\n" || c == "\r") {
                if !word.isEmpty {
                    tokens.append(word)
                    word = ""
                    newlines = 0
                }
                if c == "\n" {
                    newlines += 1
                    if newlines == 2 { tokens.append("\n\n") }
                }
                continue
            }
            newlines = 0
            word.append(c)
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }
}
