/// Streams one message into its file in the Maildir's `tmp/`, converting line endings on the
/// way (`StoreOptions.convertLineEndings`). Memory: one 64 KiB buffer, written out as it fills.
final class MaildirMessageWriter: MessageWriter {
    private let maildir: Maildir
    private let name: String
    private let info: MessageInfo
    private var file: FileDescriptor?
    private var converter: LineEndingConverter?
    private var buffer: [UInt8] = []
    private var byteCount: Int64 = 0

    static let bufferSize = 64 * 1024

    init(maildir: Maildir, name: String, file: FileDescriptor, info: MessageInfo) {
        self.maildir = maildir
        self.name = name
        self.file = file
        self.info = info
        self.converter = maildir.options.convertLineEndings ? LineEndingConverter() : nil
        buffer.reserveCapacity(2 * Self.bufferSize)
    }

    deinit {
        abandon()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError) {
        precondition(file != nil, "MessageWriter used after finish() or abandon()")
        if converter != nil { converter!.convert(bytes, into: &buffer) } else { buffer.append(contentsOf: bytes) }
        if buffer.count >= Self.bufferSize { try flush() }
    }

    func finish() throws(MailStoreError) {
        precondition(file != nil, "MessageWriter used after finish() or abandon()")
        converter?.finish(into: &buffer)
        try flush()
        do throws(MailStoreError) {
            if let date = info.internalDate { try file!.setModificationTime(secondsSince1970: date) }
            if maildir.durability == .perMessage { try file!.dataSync() }
            try file!.close()
        } catch {
            abandon()
            throw error
        }
        file = nil
        maildir.didFinish(name: name, info: info, byteCount: byteCount)
    }

    func abandon() {
        guard let file else { return }
        self.file = nil
        try? file.close()
        try? maildir.tmp.remove(name)
        maildir.didAbandon()
    }

    /// On a write error the file is removed at once: nothing half-written stays behind.
    private func flush() throws(MailStoreError) {
        guard !buffer.isEmpty else { return }
        do throws(MailStoreError) {
            try file!.write(buffer)
        } catch {
            abandon()
            throw error
        }
        byteCount += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
