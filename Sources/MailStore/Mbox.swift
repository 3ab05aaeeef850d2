#if canImport(Glibc)
    import Glibc
#endif

/// An mbox file messages are appended to in the mboxrd format: a `From ` line, the message with
/// `>From ` quoting (`MboxFromQuoter`), a blank line. Its sync state is `FILE.mailtls-state`.
///
/// The file is locked for as long as the store is open (`MboxLock`). Batches: before the first
/// byte of a batch, the file's length is recorded in the state file; messages are appended as
/// they stream in; `commit` fdatasyncs the file once, then records the caller's state (which
/// clears the batch start) and returns. A failed message or batch is cut off with ftruncate
/// at once; a batch a crash interrupted is cut off at the next open, so no partial or
/// unrecorded message stays where a mail reader would see it.
///
/// One limit: mail readers see a batch's messages while it is being written if they ignore
/// the locks. And if another program broke the dotlock of an interrupted run and wrote to the
/// file before the next open, the interrupted batch's bytes are left in place rather than
/// risk cutting off that program's mail; `recoveryNote` then says so.
public final class Mbox: MessageStore {
    public let path: String
    public let options: StoreOptions
    public private(set) var state: SyncState
    /// Set by `open` when bytes of an interrupted run could not safely be cut off: a warning
    /// for the user (possible partial message or duplicates at the end of the mbox).
    public internal(set) var recoveryNote: String?

    let file: FileDescriptor
    let lock: MboxLock
    private let stateFile: StateFile
    let durability: Durability
    /// The file's length: where the next message starts.
    var length: Int64
    /// The length recorded in the state file when the current batch began.
    private var batchStart: Int64?
    private var finished: [SavedMessage] = []
    private var finishedBytes: Int64 = 0
    private var oldestFinished: MonotonicInstant?
    private var writing = false
    private var failure: MailStoreError?

    /// Opens (creating it, mode 0600, and the directories above it, mode 0700) and locks the
    /// mbox at `path`, and cuts off a batch an interrupted run left.
    /// - Throws: `.locked` when another program holds a lock past `lockTimeoutMilliseconds`,
    ///   `.unusableDestination` for a path that is not a regular file or below one that is not
    ///   a directory, `.corruptState`, `.writeFailed`.
    public static func open(at path: String, options: StoreOptions = StoreOptions()) throws(MailStoreError) -> Mbox {
        try ParentDirectories.create(above: path)
        return try Mbox(path: path, options: options)
    }

    private init(path: String, options: StoreOptions) throws(MailStoreError) {
        self.path = path
        self.options = options
        let deadline = MonotonicInstant.now().adding(milliseconds: options.lockTimeoutMilliseconds)
        lock = try MboxLock(mboxPath: path, host: MaildirUniqueName.localHost(), deadline: deadline)
        do throws(MailStoreError) {
            file = try FileDescriptor.open(path, followLink: true, flags: O_RDWR | O_CREAT)
        } catch  where error.errorNumber == EISDIR {
            throw MailStoreError(
                .unusableDestination, "\(path) is a directory and cannot be an mbox", errorNumber: EISDIR)
        }
        let info = try file.status()
        guard info.isRegularFile else {
            throw MailStoreError(.unusableDestination, "\(path) is not a regular file and cannot be an mbox")
        }
        guard try file.lockForWriting(until: deadline) else {
            throw MailStoreError(.locked, "Mailbox \(path) is locked by another program (fcntl lock)")
        }
        durability = options.durability
        length = Int64(info.st_size)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        stateFile = StateFile(
            directory: try .openDirectory(parentPath(of: path), followLink: true), name: name + ".mailtls-state")
        let record = try stateFile.load()
        state = record.sync
        if let start = record.mboxBatchStart { try cutOffInterruptedBatch(at: start) }
    }

    deinit {
        discardUncommitted()
        lock.release()
    }

    // MARK: Writing

    public func beginMessage(_ info: MessageInfo) throws(MailStoreError) -> any MessageWriter {
        try checkUsable()
        precondition(!writing, "Mbox: one message at a time")
        if batchStart == nil {
            try save(StateRecord(sync: state, mboxBatchStart: length))
            batchStart = length
        }
        let separation = try separation()
        writing = true
        return MboxMessageWriter(mbox: self, start: length, separation: separation, info: info)
    }

    /// What must precede a new `From ` line so that it starts a line after a blank line,
    /// whatever the file ended with (another program's message without a final newline).
    private func separation() throws(MailStoreError) -> [UInt8] {
        guard length > 0 else { return [] }
        var last: [UInt8] = [0, 0]
        let wanted = length >= 2 ? 2 : 1
        let count = try last.withMutableBytes { (raw) throws(MailStoreError) in
            try file.read(
                into: UnsafeMutableRawBufferPointer(rebasing: raw[(2 - wanted)...]), at: length - Int64(wanted))
        }
        guard count == wanted else { throw MailStoreError(.writeFailed, "Cannot read \(path): it shrank while locked") }
        if last[1] != .lf { return [.lf, .lf] }
        return length >= 2 && last[0] != .lf ? [.lf] : []
    }

    /// Called by the writer: its message ends at `end`.
    func didFinish(start: Int64, end: Int64, info: MessageInfo) {
        writing = false
        length = end
        finished.append(SavedMessage(key: info.key, path: path, byteCount: end - start))
        finishedBytes += end - start
        if oldestFinished == nil { oldestFinished = .now() }
    }

    /// Called by the writer: its bytes from `start` on are to go.
    func didAbandon(start: Int64) {
        writing = false
        cutOff(at: start)
    }

    public var uncommittedCount: Int { finished.count }

    public var shouldCommit: Bool {
        let limits = options.batchLimits
        guard let oldest = oldestFinished else { return false }
        return finished.count >= limits.maxMessages || finishedBytes >= limits.maxBytes
            || oldest.adding(milliseconds: limits.maxSeconds * 1000) <= .now()
    }

    // MARK: Committing

    public func commit(recording newState: SyncState) throws(MailStoreError) -> [SavedMessage] {
        try checkUsable()
        precondition(!writing, "Mbox: commit while a message is being written")
        guard !finished.isEmpty || newState != state || batchStart != nil else { return [] }
        if !finished.isEmpty {
            do throws(MailStoreError) {
                try file.dataSync()
            } catch {
                discardUncommitted()
                throw error
            }
        }
        do throws(StateFile.Failure) {
            try stateFile.save(StateRecord(sync: newState))
        } catch {
            if error.replaced {
                // The batch may be recorded: its bytes stay.
                batchStart = nil
                forgetUncommitted()
                fail(error.error)
            } else {
                discardUncommitted()
            }
            throw error.error
        }
        let saved = finished
        state = newState
        batchStart = nil
        forgetUncommitted()
        return saved
    }

    /// Cuts the file back to where the batch began.
    public func discardUncommitted() {
        if let start = batchStart, !writing { cutOff(at: start) }
        forgetUncommitted()
    }

    private func forgetUncommitted() {
        finished = []
        finishedBytes = 0
        oldestFinished = nil
    }

    public func close() throws(MailStoreError) {
        discardUncommitted()
        if failure == nil && batchStart != nil {
            try save(StateRecord(sync: state))
            batchStart = nil
        }
        if failure == nil { failure = MailStoreError(.storeUnusable, "Mailbox \(path) is closed") }
        try? file.close()
        lock.release()
    }

    // MARK: Helpers

    private func cutOff(at start: Int64) {
        do throws(MailStoreError) {
            try file.truncate(to: start)
            length = start
        } catch {
            fail(error)
        }
    }

    func save(_ record: StateRecord) throws(MailStoreError) {
        do throws(StateFile.Failure) {
            try stateFile.save(record)
        } catch {
            if error.replaced { fail(error.error) }
            throw error.error
        }
    }

    private func fail(_ error: MailStoreError) {
        failure = MailStoreError(.storeUnusable, "Mailbox \(path) is unusable after an earlier error: \(error.message)")
    }

    private func checkUsable() throws(MailStoreError) {
        if let failure { throw failure }
    }
}
