/// The result's destination: stdout, or `-o FILE` created when the first byte arrives (so a
/// failed `-f` transfer leaves no file), or at the end for an empty body, as curl does.
package final class OutputFile {
    private let path: String?
    private var sink: ByteSink?

    package init(path: String?, standardOutput: ByteSink) {
        self.path = path == "-" ? nil : path
        self.sink = self.path == nil ? standardOutput : nil
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        try open().write(bytes)
    }

    package func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Creates the file if nothing was written (an empty body is still a result).
    package func finish() throws {
        _ = try open()
    }

    private func open() throws(ToolError) -> ByteSink {
        if let sink { return sink }
        let created = try FileDescriptorSink.create(path: path!)
        sink = created
        return created
    }
}
