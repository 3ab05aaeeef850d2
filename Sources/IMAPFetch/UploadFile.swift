import CLI

#if canImport(Glibc)
    import Glibc
#endif

/// The message of `-T FILE` (`-` for stdin), read whole before connecting: APPEND announces its
/// size first, and a file that cannot be read sends nothing.
enum UploadFile {
    /// Larger messages are refused (curl 26) rather than held in memory.
    static let maxSize = 1 << 30

    static func read(_ path: String, standardInput: Int32) throws(ToolError) -> [UInt8] {
        let isStdin = path == "-"
        let descriptor = isStdin ? standardInput : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ToolError(.readError, "Can't open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { if !isStdin { close(descriptor) } }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw ToolError(.readError, "Failed to read '\(path)': \(String(cString: strerror(errno)))")
            }
            bytes += buffer[0..<n]
            guard bytes.count <= maxSize else {
                throw ToolError(.readError, "'\(path)' is larger than \(maxSize >> 20) MiB: not uploaded")
            }
        }
    }
}
