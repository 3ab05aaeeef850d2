import CLI

#if canImport(Glibc)
    import Glibc
#endif

/// Where a download goes: stdout, `-o FILE` through a temporary file renamed into place only
/// when the transfer completed (nothing under FILE after a failure), or with `-C` the existing
/// FILE, appended to.
final class DownloadOutput {
    private enum Target {
        case standardOutput(ByteSink)
        case atomic(AtomicOutputFile)
        case append(FileDescriptorSink)
    }

    private let target: Target

    init(path: String?, resumeAppends: Bool, standardOutput: ByteSink) throws {
        guard let path, path != "-" else {
            target = .standardOutput(standardOutput)
            return
        }
        var info = stat()
        let special = stat(path, &info) == 0 && (info.st_mode & 0o170000) != 0o100000
        // A device or pipe (/dev/null, a FIFO) is written in place: renaming over it would
        // replace it.
        if resumeAppends || special {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                throw ToolError(.writeError, "Failed to open the file \(path): \(String(cString: strerror(errno)))")
            }
            target = .append(FileDescriptorSink(descriptor: fd, name: path, owned: true))
        } else {
            target = .atomic(try AtomicOutputFile(path: path))
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        switch target {
        case .standardOutput(let sink): try sink.write(bytes)
        case .atomic(let file): try file.write(bytes)
        case .append(let sink): try sink.write(bytes)
        }
    }

    /// The transfer is complete: rename into place (a no-op for stdout and appends).
    func commit() throws {
        if case .atomic(let file) = target { try file.commit() }
    }
}
