#if canImport(Glibc)
    import Glibc
#endif

/// `--passwordeval COMMAND` (msmtp's and mpop's `passwordeval`, isync's `PassCmd`): when, and
/// only when, a password is needed and none was given, COMMAND runs under `/bin/sh -c` and
/// the first line it prints is the password. The password travels through a pipe, never
/// through an argument list (`ps`), a trace or a message. The command's stderr is the tool's;
/// its stdin is /dev/null, so it cannot eat a message the tool reads from stdin.
package struct PasswordCommand {
    package static let spec = OptionSpec(
        "passwordeval", argument: "COMMAND",
        help: "Run COMMAND (sh -c) for a missing password; its first output line is the password")

    /// The most output read from the command (a password is one short line).
    static let maxOutput = 64 * 1024

    package let command: String

    package init(_ command: String) { self.command = command }

    /// The password for `user`: from `command` when given, else asked on the terminal; a usage
    /// error (2) when neither can give one.
    package static func hostPassword(user: String, command: String?, prompt: PasswordPrompt) throws(ToolError) -> String
    {
        if let command { return try PasswordCommand(command).run() }
        guard let typed = prompt.read(prompt: "Enter host password for user '\(user)':") else {
            throw ToolError.usage("option --user: no password given for '\(user)' and no terminal to ask for one")
        }
        return typed
    }

    /// Runs the command; its first output line (without CR LF) is the password.
    package func run() throws(ToolError) -> String {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw failure("cannot make a pipe: \(Self.errnoText)") }
        // Only the child's copy on descriptor 1 (dup2 clears the flag) survives the exec.
        _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do { pid = try spawn(output: pipeEnds[1]) } catch {
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw error
        }
        close(pipeEnds[1])
        let output = readOutput(pipeEnds[0])
        close(pipeEnds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard output.count <= Self.maxOutput else { throw failure("the command printed more than 64 KiB") }
        let exited = status & 0x7F == 0
        guard exited else { throw failure("the command was killed by signal \(status & 0x7F)") }
        let code = (status >> 8) & 0xFF
        guard code == 0 else { throw failure("the command exited with status \(code)") }
        var line = output.prefix { $0 != 0x0A }
        if line.last == 0x0D { line = line.dropLast() }
        guard !line.isEmpty else { throw failure("the command printed no password") }
        return String(decoding: line, as: UTF8.self)
    }

    private func spawn(output: Int32) throws(ToolError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        // The tool ignores SIGPIPE; the command gets the default back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let arguments: [UnsafeMutablePointer<CChar>?] = ["sh", "-c", command].map { (word: String) in strdup(word) }
        defer { arguments.forEach { free($0) } }
        var argv = arguments + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        guard result == 0 else { throw failure("cannot run /bin/sh: \(String(cString: strerror(result)))") }
        return pid
    }

    /// What the command prints until it closes its output, or more than `maxOutput` bytes (then
    /// the pipe is closed on it: a command that never stops cannot hold the tool).
    private func readOutput(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= Self.maxOutput {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    private func failure(_ message: String) -> ToolError { ToolError.usage("passwordeval: \(message)") }

    private static var errnoText: String { String(cString: strerror(errno)) }
}
