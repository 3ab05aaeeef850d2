import CLI

/// The `--json` document: the report with sorted keys, pretty-printed, one per run.
enum AuditJSON {
    static func encode(_ report: AuditReport) throws -> [UInt8] {
        try JSONDocumentEncoder().encode(report) + [0x0A]
    }
}
