import CLI

/// What ftp-transfer tells the run report (`--json`): RFC 959 reply codes and the USER login.
struct FTPReportDialect: ReportDialect {
    func replyCode(_ line: String) -> String? { Self.numericCode(line) }

    /// FTP logs in with `USER` and `PASS` (RFC 959 4.1.1).
    func authentication(_ line: String) -> String? {
        Self.words(line, limit: 1).first?.uppercased() == "USER" ? "USER" : nil
    }
}
