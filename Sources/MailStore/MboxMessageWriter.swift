/// Appends one message to the mbox as it streams in: the `From ` line first, then the message
/// with line endings converted and `>From ` quoted, then a newline if it lacked a final one and
/// the blank line that ends it. Memory: one 64 KiB buffer.
final class MboxMessageWriter: MessageWriter {
    private let mbox: Mbox
    private let info: MessageInfo
    private let start: Int64
    /// Where the buffer goes in the file.
    private var offset: Int64
    private var buffer: [UInt8]
    private var converted: [UInt8] = []
    private var converter: LineEndingConverter?
    private var quoter = MboxFromQuoter()
    private var isOpen = true

    init(mbox: Mbox, start: Int64, prefix: [UInt8], info: MessageInfo) {
        self.mbox = mbox
        self.start = start
        self.offset = start
        self.info = info
        self.buffer = prefix
        self.converter = mbox.options.convertLineEndings ? LineEndingConverter() : nil
        buffer.reserveCapacity(2 * MaildirMessageWriter.bufferSize)
    }

    deinit {
        abandon()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError) {
        precondition(isOpen, "MessageWriter used after finish() or abandon()")
        if converter != nil {
            converted.removeAll(keepingCapacity: true)
            converter!.convert(bytes, into: &converted)
            converted.withUnsafeBytes { quoter.quote($0, into: &buffer) }
        } else {
            quoter.quote(bytes, into: &buffer)
        }
        if buffer.count >= MaildirMessageWriter.bufferSize { try flush() }
    }

    func finish() throws(MailStoreError) {
        precondition(isOpen, "MessageWriter used after finish() or abandon()")
        if converter != nil {
            converted.removeAll(keepingCapacity: true)
            converter!.finish(into: &converted)
            converted.withUnsafeBytes { quoter.quote($0, into: &buffer) }
        }
        quoter.finish(into: &buffer)
        if !quoter.endsWithLineEnd { buffer.append(.lf) }
        buffer.append(.lf)
        try flush()
        if mbox.durability == .perMessage {
            do throws(MailStoreError) {
                try mbox.file.dataSync()
            } catch {
                abandon()
                throw error
            }
        }
        isOpen = false
        mbox.didFinish(start: start, end: offset, info: info)
    }

    func abandon() {
        guard isOpen else { return }
        isOpen = false
        mbox.didAbandon(start: start)
    }

    /// On a write error the message is cut off at once.
    private func flush() throws(MailStoreError) {
        guard !buffer.isEmpty else { return }
        do throws(MailStoreError) {
            try buffer.withBytes { (raw) throws(MailStoreError) in try mbox.file.write(raw, at: offset) }
        } catch {
            abandon()
            throw error
        }
        offset += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
