import CLI

/// What http-get tells the run report (`--json`): the status code of each response's status line.
struct HTTPReportDialect: ReportDialect {
    /// `HTTP/1.1 200 OK` gives "200"; header lines give nil.
    func replyCode(_ line: String) -> String? {
        let words = Self.words(line)
        guard words.count >= 2, words[0].hasPrefix("HTTP/") else { return nil }
        return Self.numericCode(String(words[1]))
    }

    /// HTTP authentication is a header (`Authorization: Basic <redacted>`), not a login step.
    func authentication(_ line: String) -> String? { nil }
}
