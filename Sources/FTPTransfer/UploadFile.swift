import CLI

#if canImport(Glibc)
    import Glibc
#endif

/// `-T FILE` (or `-` for standard input), read in bounded chunks.
final class UploadFile {
    private let descriptor: Int32
    private let path: String
    private let owned: Bool
    private static let chunkSize = 256 * 1024

    init(path: String, standardInput: Int32) throws {
        self.path = path
        if path == "-" {
            descriptor = standardInput
            owned = false
            return
        }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        owned = true
        guard descriptor >= 0 else {
            throw ToolError(
                .readError,
                "Failed to open/read local data from file/application: \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { if owned && descriptor >= 0 { _ = close(descriptor) } }

    /// Skips the first `count` bytes (an upload resumed with `-C`).
    func skip(_ count: off_t) throws {
        guard count > 0 else { return }
        guard lseek(descriptor, count, SEEK_SET) >= 0 else {
            throw ToolError(.readError, "Could not seek \(path) to \(count): \(String(cString: strerror(errno)))")
        }
    }

    /// Hands the rest of the file to `body`, a chunk at a time.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n == 0 { return }
            if n < 0 {
                if errno == EINTR { continue }
                throw ToolError(.readError, "Failed to read \(path): \(String(cString: strerror(errno)))")
            }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }
}
