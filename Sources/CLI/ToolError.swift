import ExitCode

/// A failure decided by the command-line layer itself (usage, local files), carrying its code.
public struct ToolError: CurlCodeError, Equatable {
    public let curlCode: CurlCode
    public let message: String

    public init(_ code: CurlCode, _ message: String) {
        self.curlCode = code
        self.message = message
    }

    public var description: String { message }

    /// Bad usage: curl exits 2 (FAILED_INIT) for unknown options and missing arguments.
    public static func usage(_ message: String) -> ToolError { ToolError(.failedInit, message) }
}
