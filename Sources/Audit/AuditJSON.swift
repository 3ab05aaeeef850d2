import FoundationEssentials

/// The `--json` document: the report with sorted keys, pretty-printed, one per run.
enum AuditJSON {
    static func encode(_ report: AuditReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(report)) + [0x0A]
    }
}
