/// Whether a command's `+OK` is followed by a multi-line body (RFC 1939, RFC 2449, RFC 6856):
/// the framing rule a custom command from `-X` is read with. An `-ERR` is always one line.
///
/// | command                                  | `+OK` followed by a body         |
/// |------------------------------------------|----------------------------------|
/// | `CAPA`, `LIST`, `UIDL`, `AUTH`, `LANG`   | yes without argument, else no    |
/// | `RETR n`, `TOP n m`                      | yes                              |
/// | `USER` `PASS` `APOP` `STAT` `DELE` `NOOP` `RSET` `QUIT` `STLS` `UTF8` | no |
/// | anything else                            | yes (curl's rule for every custom command) |
public enum POP3ResponseShape {
    private enum Rule {
        case multilineWithoutArgument
        case multiline
        case singleLine
    }

    private static let rules: [String: Rule] = [
        "CAPA": .multilineWithoutArgument, "LIST": .multilineWithoutArgument, "UIDL": .multilineWithoutArgument,
        "AUTH": .multilineWithoutArgument, "LANG": .multilineWithoutArgument,
        "RETR": .multiline, "TOP": .multiline,
        "USER": .singleLine, "PASS": .singleLine, "APOP": .singleLine, "STAT": .singleLine, "DELE": .singleLine,
        "NOOP": .singleLine, "RSET": .singleLine, "QUIT": .singleLine, "STLS": .singleLine, "UTF8": .singleLine,
    ]

    private static func split(_ commandLine: String) -> (rule: Rule?, hasArgument: Bool) {
        let bytes = Array(commandLine.utf8)
        let keywordEnd = bytes.firstIndex(of: .space) ?? bytes.count
        let keyword = String(decoding: bytes[..<keywordEnd], as: UTF8.self).uppercased()
        return (rules[keyword], bytes[keywordEnd...].contains(where: { $0 != .space }))
    }

    /// Whether the command's keyword (case-insensitive) is one of the table's.
    public static func isKnown(_ commandLine: String) -> Bool {
        split(commandLine).rule != nil
    }

    /// Judges a command line by its keyword (case-insensitive) and whether arguments follow.
    public static func isMultiline(_ commandLine: String) -> Bool {
        let (rule, hasArgument) = split(commandLine)
        switch rule {
        case .multilineWithoutArgument: return !hasArgument
        case .multiline, nil: return true
        case .singleLine: return false
        }
    }
}
