import GnuTLS
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Everything a tool touches outside itself, so a test can run a whole command in-process with
/// captured output, a chosen environment, and fakes for the network, TLS and the terminal.
public struct ToolContext {
    public var arguments: [String]
    /// The name the program was started as (argv[0], e.g. `/usr/sbin/sendmail` through a
    /// symbolic link); empty in tests that do not set it.
    public var programName = ""
    public var environment: [String: String]
    public var standardOutput: ByteSink
    public var standardError: ByteSink
    /// Descriptor to read a message or upload from when the user names `-`.
    public var standardInput: Int32
    /// The arguments are this process's own argv (so secrets in it can be blanked).
    public var isProcess = false
    /// The TLS backend (GnuTLS).
    public var tlsClient: TLSClient = GnuTLSClient()
    /// Opens TCP connections (the network).
    public var connector: Connector = SystemConnector()
    /// Asks for passwords and pass phrases (the terminal).
    public var passwordPrompt: PasswordPrompt = TerminalPasswordPrompt()
    /// The run's report (`--json`), shared by every copy of this context: `ToolRunner` enables
    /// and writes it, the connection, the trace and the command fill it in.
    public let report = RunRecorder()

    public init(
        arguments: [String], environment: [String: String],
        standardOutput: ByteSink, standardError: ByteSink, standardInput: Int32 = STDIN_FILENO
    ) {
        self.arguments = arguments
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardInput = standardInput
    }

    /// The real process: its arguments (without the program name), environment and descriptors.
    public static func process() -> ToolContext {
        var context = ToolContext(
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: processEnvironment(),
            standardOutput: FileDescriptorSink.standardOutput,
            standardError: FileDescriptorSink.standardError)
        context.isProcess = true
        context.programName = CommandLine.arguments.first ?? ""
        return context
    }

    private static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }
}
