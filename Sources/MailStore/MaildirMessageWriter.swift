/// Streams one message into its file in the Maildir's `tmp/`, converting line endings on the
/// way (`StoreOptions.convertLineEndings`). Memory: the Maildir's one write buffer, lent to each
/// writer in turn (one message at a time) and written out once 64 KiB are in it: a message
/// allocates no buffer of its own.
final class MaildirMessageWriter: MessageWriter {
    private let maildir: Maildir
    private let name: String
    private let info: MessageInfo
    private var file: FileDescriptor?
    private var converter: LineEndingConverter?
    /// Bytes of `maildir.writeBuffer` in use.
    private var used = 0
    private var byteCount: Int64 = 0

    static let bufferSize = 64 * 1024
    /// What `Maildir.writeBuffer` holds: a full buffer, a piece as large as another, and the
    /// converter's held-back CR.
    static let bufferCapacity = 2 * bufferSize + 1

    init(maildir: Maildir, name: String, file: FileDescriptor, info: MessageInfo) {
        self.maildir = maildir
        self.name = name
        self.file = file
        self.info = info
        self.converter = maildir.options.convertLineEndings ? LineEndingConverter() : nil
    }

    deinit {
        abandon()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError) {
        precondition(file != nil, "MessageWriter used after finish() or abandon()")
        let buffer = maildir.writeBuffer
        var rest = bytes
        while !rest.isEmpty {
            let piece = UnsafeRawBufferPointer(rebasing: rest.prefix(Self.bufferCapacity - 1 - used))
            let destination = buffer.baseAddress! + used
            if converter != nil {
                used += converter!.convert(piece, to: destination)
            } else {
                destination.copyMemory(from: piece.baseAddress!, byteCount: piece.count)
                used += piece.count
            }
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(piece.count))
            if used >= Self.bufferSize { try flush() }
        }
    }

    func finish() throws(MailStoreError) {
        precondition(file != nil, "MessageWriter used after finish() or abandon()")
        if converter != nil { used += converter!.finish(to: maildir.writeBuffer.baseAddress! + used) }
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
        guard used > 0 else { return }
        do throws(MailStoreError) {
            try file!.write(UnsafeRawBufferPointer(start: maildir.writeBuffer.baseAddress, count: used))
        } catch {
            abandon()
            throw error
        }
        byteCount += Int64(used)
        used = 0
    }
}
