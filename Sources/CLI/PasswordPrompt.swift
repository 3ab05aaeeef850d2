#if canImport(Glibc)
    import Glibc
#endif

/// Asks the user for a secret (a password, a key's pass phrase); nil when nobody can be asked.
public protocol PasswordPrompt: Sendable {
    func read(prompt: String) -> String?
}

/// Asks on the controlling terminal with echo off, as curl does for `-u user`. Without a
/// terminal there is nobody to ask: the caller gets nil and fails clearly.
public struct TerminalPasswordPrompt: PasswordPrompt {
    public init() {}

    public func read(prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        // Echo off (discarding typed-ahead input) before the prompt appears, so nothing typed
        // in answer to the prompt is discarded or echoed.
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else { return nil }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &original)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1, byte != 0x0A, bytes.count < 4096 {
            bytes.append(byte)
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
