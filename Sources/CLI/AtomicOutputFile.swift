#if canImport(Glibc)
    import Glibc
#endif

/// `-o FILE` for a mail message: written to a temporary file beside FILE and renamed over it
/// only when the whole message arrived, so a cut-off transfer leaves nothing under FILE.
/// A FILE that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written
/// in place: there is nothing to replace, and a rename would replace the device itself.
package final class AtomicOutputFile: ByteSink {
    package let path: String
    /// nil when writing in place.
    private let temporaryPath: String?
    private let sink: FileDescriptorSink
    private var done = false

    package init(path: String) throws(ToolError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            self.temporaryPath = nil
            self.sink = try FileDescriptorSink.create(path: path)
        } else {
            let temporaryPath = path + ".mailtls-part-\(getpid())"
            self.temporaryPath = temporaryPath
            self.sink = try FileDescriptorSink.create(path: temporaryPath)
        }
    }

    deinit {
        if !done, let temporaryPath { unlink(temporaryPath) }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }

    /// Flushes to disk and renames into place.
    package func commit() throws(ToolError) {
        guard let temporaryPath else {
            done = true
            return
        }
        guard fsync(sink.descriptor) == 0, rename(temporaryPath, path) == 0 else {
            throw ToolError(.writeError, "Failed to save \(path): \(String(cString: strerror(errno)))")
        }
        done = true
    }
}
