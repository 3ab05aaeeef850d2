#if canImport(Glibc)
    import Glibc
#endif

/// Appends one message to the mbox as it streams in: the `From ` line first, then the message
/// with line endings converted and `>From ` quoted, then a newline if it lacked a final one and
/// the blank line that ends it. Memory: one 64 KiB buffer.
///
/// The `From ` line names the envelope sender: `MessageInfo.envelopeSender` if given, else the
/// message's `Return-Path` (`ReturnPathScanner`), else MAILER-DAEMON; so it is written once the
/// header has been read, or when the buffer first fills, whichever comes first. Its date is
/// `MessageInfo.internalDate` (the server's arrival date), else the time the message was begun.
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
    /// Where the `From ` line goes in `buffer` (after the separation), until it is written.
    private var fromLineIndex: Int?
    private var returnPath = ReturnPathScanner()
    private let date: Int64

    init(mbox: Mbox, start: Int64, separation: [UInt8], info: MessageInfo) {
        self.mbox = mbox
        self.start = start
        self.offset = start
        self.info = info
        self.buffer = separation
        self.fromLineIndex = separation.count
        self.date = info.internalDate ?? Int64(time(nil))
        self.converter = mbox.options.convertLineEndings ? LineEndingConverter() : nil
        buffer.reserveCapacity(2 * MaildirMessageWriter.bufferSize)
        if info.envelopeSender != nil { insertFromLine() }
    }

    deinit {
        abandon()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError) {
        precondition(isOpen, "MessageWriter used after finish() or abandon()")
        if fromLineIndex != nil {
            returnPath.scan(bytes)
            if returnPath.isDone { insertFromLine() }
        }
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

    /// The `From ` line, with the sender known so far, in its place at the buffer's start.
    private func insertFromLine() {
        guard let index = fromLineIndex else { return }
        returnPath.end()
        let sender = info.envelopeSender ?? returnPath.sender
        buffer.insert(contentsOf: MboxSeparator.line(sender: sender, date: date), at: index)
        fromLineIndex = nil
    }

    /// On a write error the message is cut off at once.
    private func flush() throws(MailStoreError) {
        insertFromLine()
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
