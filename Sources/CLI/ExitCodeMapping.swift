import ExitCode

/// How a failure ends a run. Each error type declares its own curl code beside its kinds
/// (`CurlCodeError`); this only reads it.
public enum ExitCodeMapping {
    public static func code(for error: Error) -> CurlCode {
        if let error = error as? any CurlCodeError { return error.curlCode }
        // Unreachable while every error type conforms, which ErrorConformanceTests checks over
        // the sources; should one slip through, it is reported as an internal failure.
        return .failedInit
    }

    /// The message after `<tool>: (<code>) `.
    public static func message(for error: Error) -> String {
        if error is any CurlCodeError { return String(describing: error) }
        return "internal error: unclassified \(type(of: error)): \(error)"
    }
}
