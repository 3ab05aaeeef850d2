/// One line of a config file (curl's `-K` file, with msmtp's accounts on top). Pure: the line's
/// text in, its meaning out.
///
///     line     = *WSP ( comment / header / default / setting ) *WSP
///     comment  = "#" *CHAR                        ; also an empty line
///     header   = "account" sep name [ *WSP ":" *WSP name *( *WSP "," *WSP name ) ]
///     default  = "default" sep name
///     setting  = key [ sep value ]                ; key: "--long", "long" or "-x"
///     sep      = 1*WSP / *WSP ( "=" / ":" ) *WSP
///     value    = DQUOTE *( qchar / "\" CHAR ) DQUOTE [ *WSP comment ] / rest-of-line
///
/// A quoted value takes curl's escapes (`\t`, `\n`, `\r`, `\v`, `\\`, `\"`; any other `\X` is
/// X). An unquoted value runs to the end of the line (trailing blanks dropped), so that
/// `passwordeval pass show mail/work` works as in msmtp; curl would stop at the first blank.
public enum ConfigLine: Equatable, Sendable {
    case blank
    /// `account NAME` or `account NAME : PARENT, ...` (msmtp's inheritance).
    case account(name: String, parents: [String])
    /// `default NAME`: the account used when `--account` is not given.
    case defaultAccount(String)
    /// An option: its long name without dashes ("user", "no-sasl-ir"), or "-x" for a short one.
    case setting(key: String, value: String?)

    /// Parses one line (without its line end); the error's message has no position in it.
    public static func parse(_ line: Substring) throws(ToolError) -> ConfigLine {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        if rest.isEmpty || rest.first == "#" { return .blank }
        let keyEnd = rest.firstIndex { $0 == " " || $0 == "\t" || $0 == "=" || $0 == ":" } ?? rest.endIndex
        var key = String(rest[..<keyEnd])
        rest = rest[keyEnd...].drop { $0 == " " || $0 == "\t" }
        if rest.first == "=" || rest.first == ":" { rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" } }
        let value = try parseValue(rest)
        if key.hasPrefix("--") {
            key.removeFirst(2)
        } else if key.hasPrefix("-") && key.count != 2 {
            throw ToolError.usage("'\(key)' is neither an option name nor a short option")
        }
        guard !key.isEmpty else { throw ToolError.usage("a value without an option name") }
        switch key {
        case "account":
            guard let value else { throw ToolError.usage("'account' needs a name") }
            return try header(value)
        case "default":
            guard let value, isName(Substring(value)) else {
                throw ToolError.usage("'default' needs the name of an account")
            }
            return .defaultAccount(value)
        default:
            return .setting(key: key, value: value)
        }
    }

    /// An account name: printable, no blanks, no `:` or `,` (they separate parents).
    static func isName(_ name: Substring) -> Bool {
        !name.isEmpty && name.allSatisfy { !$0.isWhitespace && $0 != ":" && $0 != "," && $0 != "\"" && $0 != "#" }
    }

    private static func header(_ value: String) throws(ToolError) -> ConfigLine {
        let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].trimmingBlanks
        guard isName(name) else { throw ToolError.usage("'account' needs a name (no blanks, ':' or ',')") }
        var parents: [String] = []
        if parts.count == 2 {
            for parent in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
                let parentName = parent.trimmingBlanks
                guard isName(parentName) else {
                    throw ToolError.usage("account \(name): a parent account name is missing or malformed")
                }
                parents.append(String(parentName))
            }
        }
        return .account(name: String(name), parents: parents)
    }

    /// The value after the separator: nil when there is none, quoted with curl's escapes, or
    /// the rest of the line.
    private static func parseValue(_ text: Substring) throws(ToolError) -> String? {
        guard let first = text.first else { return nil }
        guard first == "\"" else { return String(text.trimmingBlanks) }
        var value = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            index = text.index(after: index)
            if c == "\"" {
                let after = text[index...].drop { $0 == " " || $0 == "\t" }
                guard after.isEmpty || after.first == "#" else {
                    throw ToolError.usage("text after the closing quote (quote the whole value)")
                }
                return value
            }
            guard c == "\\" else {
                value.append(c)
                continue
            }
            guard index < text.endIndex else { break }
            let escaped = text[index]
            index = text.index(after: index)
            switch escaped {
            case "t": value.append("\t")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "v": value.append("\u{0B}")
            default: value.append(escaped)
            }
        }
        throw ToolError.usage("the quoted value has no closing quote")
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingBlanks: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
