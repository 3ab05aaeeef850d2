#if canImport(Glibc)
    import Glibc
#endif

/// `-o FILE` for a mail message: written to a temporary file beside FILE and renamed over it
/// only when the whole message arrived, so a cut-off transfer leaves nothing under FILE.
package final class AtomicOutputFile: ByteSink {
    package let path: String
    private let temporaryPath: String
    private let sink: FileDescriptorSink
    private var done = false

    package init(path: String) throws(ToolError) {
        self.path = path
        self.temporaryPath = path + ".mailtls-part-\(getpid())"
        self.sink = try FileDescriptorSink.create(path: temporaryPath)
    }

    deinit {
        if !done { unlink(temporaryPath) }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }

    /// Flushes to disk and renames into place.
    package func commit() throws(ToolError) {
        guard fsync(sink.descriptor) == 0, rename(temporaryPath, path) == 0 else {
            throw ToolError(.writeError, "Failed to save \(path): \(String(cString: strerror(errno)))")
        }
        done = true
    }
}
