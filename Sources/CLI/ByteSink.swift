#if canImport(Glibc)
    import Glibc
#endif

/// Where a tool's output goes: a file descriptor in real runs, memory in tests.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    public func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// Writes straight to a descriptor with write(2): bodies arrive in large pieces, so no buffering.
public final class FileDescriptorSink: ByteSink, Sendable {
    public let descriptor: Int32
    private let name: String
    private let owned: Bool

    public init(descriptor: Int32, name: String, owned: Bool = false) {
        self.descriptor = descriptor
        self.name = name
        self.owned = owned
    }

    deinit {
        if owned { _ = Glibc.close(descriptor) }
    }

    public static let standardOutput = FileDescriptorSink(descriptor: STDOUT_FILENO, name: "stdout")
    public static let standardError = FileDescriptorSink(descriptor: STDERR_FILENO, name: "stderr")

    /// Creates (or truncates) `path` for writing.
    public static func create(path: String) throws(ToolError) -> FileDescriptorSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw ToolError(.writeError, "Failed to open the file \(path): \(String(cString: strerror(errno)))")
        }
        return FileDescriptorSink(descriptor: fd, name: path, owned: true)
    }

    /// Opens `path` for appending, created if missing and emptied first when `truncating`: a file
    /// that several transfers of a run write in turn (`-D`), each write at its current end.
    public static func appending(path: String, truncating: Bool) throws(ToolError) -> FileDescriptorSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncating ? O_TRUNC : 0), 0o666)
        guard fd >= 0 else {
            throw ToolError(.writeError, "Failed to open the file \(path): \(String(cString: strerror(errno)))")
        }
        return FileDescriptorSink(descriptor: fd, name: path, owned: true)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            throw ToolError(.writeError, "Failure writing output to \(name): \(String(cString: strerror(errno)))")
        }
    }
}

/// Collects output in memory (tests).
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
