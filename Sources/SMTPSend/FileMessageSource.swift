import CLI
import SMTP

#if canImport(Glibc)
    import Glibc
#endif

/// A message read from a file or stdin with read(2), in the caller's bounded pieces.
final class FileMessageSource: MessageSource {
    private let descriptor: Int32
    private let name: String
    private let owned: Bool
    /// The size when the source is a regular file (for SIZE), nil for pipes and terminals.
    let regularFileSize: UInt64?

    init(path: String?, standardInput: Int32) throws(ToolError) {
        if let path, path != "-" {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw ToolError(.readError, "Can't open '\(path)': \(String(cString: strerror(errno)))")
            }
            name = path
            owned = true
        } else {
            descriptor = standardInput
            name = "stdin"
            owned = false
        }
        var info = stat()
        regularFileSize =
            fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? UInt64(info.st_size) : nil
    }

    deinit { if owned { close(descriptor) } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw MessageReadError("Failed to read the message from \(name): \(String(cString: strerror(errno)))")
        }
    }

    /// Scans a regular file for 8-bit bytes (for BODY=8BITMIME), then rewinds. Pipes are
    /// `.unknown`: their bytes can be read only once.
    func eightBitContent() throws -> MailParameters.EightBitContent {
        guard regularFileSize != nil else { return .unknown }
        defer { lseek(descriptor, 0, SEEK_SET) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return .none }
            if buffer[0..<n].contains(where: { $0 >= 0x80 }) { return .present }
        }
    }
}
