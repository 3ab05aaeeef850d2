import CLI
import POP3

/// What pop3-retrieve tells the run report (`--json`): POP3's status indicators in the dialog,
/// the login it started (the SASL mechanism of AUTH, or USER, or APOP) and the CAPA lines.
struct POP3ReportDialect: ReportDialect {
    /// `+OK` and `-ERR` (RFC 1939 3), `+` for a SASL continuation (RFC 5034); nil for listing lines.
    func replyCode(_ line: String) -> String? {
        guard let first = Self.words(line, limit: 1).first else { return nil }
        switch first.uppercased() {
        case "+OK": return "+OK"
        case "-ERR": return "-ERR"
        case "+": return "+"
        default: return nil
        }
    }

    /// `AUTH <mechanism>` gives the mechanism; `USER` and `APOP` give themselves.
    func authentication(_ line: String) -> String? {
        let words = Self.words(line)
        guard let command = words.first?.uppercased() else { return nil }
        switch command {
        case "AUTH": return words.count >= 2 ? String(words[1]) : nil
        case "USER", "APOP": return command
        default: return nil
        }
    }
}

extension RunRecorder {
    /// The POP3 session of this run: its dialect and its CAPA lines.
    func watch(_ session: POP3Session) {
        use(POP3ReportDialect())
        watchCapabilities(of: session) { $0.capabilities.lines }
    }
}
