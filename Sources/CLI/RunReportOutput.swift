import Codec
import ExitCode

/// `--json FILE` (`-` for stdout), shared by every tool: the run's `RunReport` as one JSON
/// document, written by `ToolRunner` once the run is over, whether it succeeded or failed. A
/// file is written beside its name and renamed into place, so a reader never sees half of one.
enum RunReportOutput {
    static let specs = [
        OptionSpec(
            "json", argument: "FILE",
            help: "Write a JSON report of the run (schema/report-v1.json) to FILE (- for stdout), even on failure")
    ]

    /// Whether `spec` is this `--json` (a runner made from another runner's specs has it already).
    static func isRunReportSpec(_ spec: OptionSpec) -> Bool {
        spec.long == specs[0].long && spec.help == specs[0].help
    }

    /// The report's path: the last `--json` (the command line's come after the config file's).
    static func path(in options: [ParsedOption]) -> String? {
        options.last { $0.name == "json" && !$0.negated }.map(\.argument)
    }

    /// The options a tool's body sees: `--json` is the runner's alone.
    static func removing(_ parsed: OptionParser.Result) -> OptionParser.Result {
        var result = parsed
        result.options.removeAll { $0.name == "json" }
        return result
    }

    /// The document, pretty-printed, ending with a line end.
    static func encode(_ report: RunReport) throws -> [UInt8] {
        try JSONDocumentEncoder().encode(report) + [0x0A]
    }
}

/// Where one run's report goes: standard output, or a file created (under a temporary name)
/// before the run starts, so that an unusable FILE fails with 23 before anything is sent, and
/// renamed into place only once the whole document is written.
final class RunReportDestination {
    let path: String
    private let file: AtomicOutputFile?

    /// - Throws: `ToolError(.writeError)` (curl 23) when FILE cannot be created.
    init(path: String) throws(ToolError) {
        self.path = path
        file = path == "-" ? nil : try AtomicOutputFile(path: path)
    }

    /// - Throws: `ToolError(.writeError)` (curl 23) when the report cannot be written.
    func write(_ report: RunReport, to standardOutput: ByteSink) throws(ToolError) {
        do {
            let bytes = try RunReportOutput.encode(report)
            guard let file else { return try standardOutput.write(bytes) }
            try file.write(bytes)
            try file.commit()
        } catch let error as ToolError {
            throw error
        } catch {
            throw ToolError(.writeError, "Failed to write the JSON report to \(path): \(error)")
        }
    }
}
