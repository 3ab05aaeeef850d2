import CLI
import IMAP

/// What imap-fetch tells the run report (`--json`): IMAP's status words in the dialog, the
/// login it started (the SASL mechanism of AUTHENTICATE, or LOGIN) and the CAPABILITY names.
struct IMAPReportDialect: ReportDialect {
    private static let untaggedStatus: Set<String> = ["OK", "NO", "BAD", "BYE", "PREAUTH"]
    private static let taggedStatus: Set<String> = ["OK", "NO", "BAD"]

    /// `tag OK|NO|BAD` (RFC 9051 7.1) and the untagged `* OK|NO|BAD|BYE|PREAUTH`; `+` for a
    /// continuation request; nil for data (`* 3 FETCH ...`, `* CAPABILITY ...`).
    func replyCode(_ line: String) -> String? {
        let words = Self.words(line)
        guard let first = words.first else { return nil }
        if first == "+" { return "+" }
        guard words.count >= 2 else { return nil }
        let status = words[1].uppercased()
        if first == "*" { return Self.untaggedStatus.contains(status) ? status : nil }
        return Self.taggedStatus.contains(status) ? status : nil
    }

    /// `tag AUTHENTICATE <mechanism>` gives the mechanism, `tag LOGIN ...` gives "LOGIN".
    func authentication(_ line: String) -> String? {
        let words = Self.words(line)
        guard words.count >= 2 else { return nil }
        switch words[1].uppercased() {
        case "AUTHENTICATE": return words.count >= 3 ? String(words[2]) : nil
        case "LOGIN": return "LOGIN"
        default: return nil
        }
    }
}

extension RunRecorder {
    /// The IMAP session of this run: its dialect and its CAPABILITY names.
    func watch(_ session: IMAPSession) {
        use(IMAPReportDialect())
        watchCapabilities(of: session) { $0.capabilities.names }
    }
}
