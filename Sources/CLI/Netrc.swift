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
        let tokens = try Netrc.tokens(text)
        var index = 0
        var current: (host: String?, entry: Entry)?
        func commit() {
            guard let c = current else { return }
            if let host = c.host { machines.append((host, c.entry)) } else if fallback == nil { fallback = c.entry }
            current = nil
        }
        func value(after keyword: String) throws(ToolError) -> String {
            index += 1
            while index < tokens.count && tokens[index] == .blankLine { index += 1 }
            guard index < tokens.count else { throw ToolError.usage("netrc: '\(keyword)' without a value") }
            return tokens[index].text
        }
        while index < tokens.count {
            let token = tokens[index].text
            switch tokens[index].keyword {
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
                while index < tokens.count && tokens[index] != .blankLine { index += 1 }
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

    /// One word of the file. A quoted word is never a keyword (`"machine"` is a value).
    struct Token: Equatable {
        var text: String
        var isQuoted = false
        /// A blank line, which ends a `macdef`.
        static let blankLine = Token(text: "\n\n", isQuoted: true)
        /// The keyword this word is (curl compares them case-insensitively), nil for a value.
        var keyword: String? { isQuoted ? nil : text.lowercased() }
    }

    /// Words as curl 8 reads them (`lib/netrc.c`): separated by blanks and line ends; a word
    /// that starts with `"` runs to the next unescaped `"`, where `\n`, `\r`, `\t` stand for
    /// those characters and `\` makes any other character itself; any other word is taken as
    /// written, quotes and backslashes included. Lines whose first non-blank character is `#`
    /// are comments. A quote never closed is an error (curl 26): no password is guessed.
    static func tokens(_ text: String) throws(ToolError) -> [Token] {
        var tokens: [Token] = []
        var blankLines = 0
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(line)
            var i = 0
            while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
            if i < scalars.count && scalars[i] == "#" { continue }
            if scalars[i...].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                blankLines += 1
                if blankLines == 1 && !tokens.isEmpty { tokens.append(.blankLine) }
                continue
            }
            blankLines = 0
            while i < scalars.count {
                let c = scalars[i]
                if c == " " || c == "\t" || c == "\r" {
                    i += 1
                } else if c == "\"" {
                    tokens.append(Token(text: try quoted(scalars, at: &i), isQuoted: true))
                } else {
                    var word = String.UnicodeScalarView()
                    while i < scalars.count && !" \t\r".unicodeScalars.contains(scalars[i]) {
                        word.append(scalars[i])
                        i += 1
                    }
                    tokens.append(Token(text: String(word)))
                }
            }
        }
        return tokens
    }

    /// The quoted word starting at `index` (its opening `"`); `index` ends past the closing one.
    private static func quoted(_ scalars: [Unicode.Scalar], at index: inout Int) throws(ToolError) -> String {
        var word = String.UnicodeScalarView()
        var i = index + 1
        var escaped = false
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if escaped {
                escaped = false
                switch c {
                case "n": word.append("\n")
                case "r": word.append("\r")
                case "t": word.append("\t")
                default: word.append(c)
                }
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                index = i
                return String(word)
            } else {
                word.append(c)
            }
        }
        throw ToolError(.readError, ".netrc error: a quoted string is not closed")
    }
}
