import Codec

/// The report for people: one line per service (mode, TLS, certificate), then the findings
/// worst first, then the verdict. Colours (by severity) only when `colors` is set, which the
/// command does only for a terminal. Server text is escaped before it is shown.
public enum AuditTable {
    public static func render(_ report: AuditReport, colors: Bool, showPassed: Bool = false) -> String {
        var text = ""
        if !report.domains.isEmpty {
            text += table(header: DomainTable.header, rows: report.domains.flatMap(DomainTable.rows)) + "\n"
        }
        if !report.services.isEmpty {
            text += table(
                header: ["SERVICE", "ADDRESS", "MODE", "RESULT", "TLS", "CERTIFICATE"],
                rows: report.services.map(serviceRow))
            text += "\n"
        }
        let shown = report.sortedFindings.filter { showPassed || $0.severity > .ok }
        if shown.isEmpty {
            text += "No findings above ok.\n"
        } else {
            let rows = shown.map { [$0.severity.rawValue.uppercased(), $0.subject, $0.id, $0.title] }
            text += table(header: ["SEVERITY", "SUBJECT", "ID", "FINDING"], rows: rows) { row, line in
                colors ? paint(line, severity: shown[row].severity) : line
            }
        }
        let passed = report.count(.ok)
        text += "\n\(passed) check\(passed == 1 ? "" : "s") passed; "
        text += AuditSeverity.allCases.reversed().filter { $0 > .ok }.map { "\(report.count($0)) \($0.rawValue)" }
            .joined(separator: ", ")
        text += ". Worst: \(report.worst.rawValue)"
        if !report.unaudited.isEmpty { text += "; not audited: " + report.unaudited.joined(separator: ", ") }
        text += " (exit \(report.exitCode))\n"
        return text
    }

    static func serviceRow(_ service: ServiceObservation) -> [String] {
        let tls = service.tls.map { "\($0.version.displayName) \($0.cipherSuite)" } ?? "-"
        var certificate = "-"
        if let facts = service.tls, let leaf = facts.leaf {
            let problems = CertificateFindings.found(facts.verification)
            certificate = problems.isEmpty ? "verified" : problems.map(\.code).joined(separator: ",")
            certificate += ", \(leaf.publicKeyAlgorithm) \(leaf.publicKeyBits)"
        }
        return [
            service.subject, "\(service.address):\(service.connectedPort)", service.service.scheme,
            service.outcome.code,
            tls, certificate,
        ]
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(
        header: [String], rows: [[String]], decorate: (Int, String) -> String = { $1 }
    ) -> String {
        let escaped = rows.map { $0.map { ControlCharacterEscaping.escape($0) } }
        var widths = header.map(\.count)
        for row in escaped {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined()
        }
        var text = line(header) + "\n"
        for (index, row) in escaped.enumerated() { text += decorate(index, line(row)) + "\n" }
        return text
    }

    /// ANSI colours: red for critical and high, yellow for medium, cyan for low, green for ok.
    static func paint(_ line: String, severity: AuditSeverity) -> String {
        let code =
            switch severity {
            case .critical: "1;31"
            case .high: "31"
            case .medium: "33"
            case .low: "36"
            case .ok: "32"
            }
        return "\u{1B}[\(code)m" + line + "\u{1B}[0m"
    }
}
