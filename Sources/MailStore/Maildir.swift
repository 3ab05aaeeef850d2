#if canImport(Glibc)
    import Glibc
#endif

/// A Maildir (cr.yp.to/proto/maildir.html) that messages are pulled into, with its sync state
/// in `mailtls-state` beside `tmp/`, `new/` and `cur/`.
///
/// Each message is streamed into `tmp/<unique name>`; `commit` makes a batch durable and
/// visible at once:
/// 1. one `syncfs` makes every file of the batch durable (`Durability.perMessage`: each file
///    was fdatasynced as it finished, and `tmp/` is fsynced once);
/// 2. the state file is replaced, recording the caller's new state together with the list of
///    renames still to do (the journal, see `StateRecord`);
/// 3. each file is renamed into `new/` (no flags) or `cur/` (`:2,` info);
/// 4. `new/` and `cur/` are fsynced once each; only then does `commit` return.
/// A crash before 2 leaves unrecorded files in `tmp/`, removed at the next open; after 2, the
/// next open finishes the renames. No message is ever visible unrecorded (duplicated by the
/// next run) or recorded but not durable (lost).
///
/// `commitInBackground` runs those steps on a commit thread (`CommitThread`, `CommitJob`)
/// while the next batch streams into `tmp/`: the network does not stop for the disk. One batch
/// at most is in flight, and a failure there makes the Maildir refuse every later commit.
///
/// The state file's name has no leading dot, as Dovecot's own state files: Maildir++ folder
/// names all start with a dot, so no folder can collide with it. A `mailtls-lock` file is
/// fcntl-locked while the Maildir is open, so two runs (an overlapping cron job) cannot pull
/// into it at once.
public final class Maildir: MessageStore {
    public let path: String
    public let options: StoreOptions
    public private(set) var state: SyncState

    let tmp: FileDescriptor
    let new: FileDescriptor
    let cur: FileDescriptor
    let stateFile: StateFile
    let host: String
    private let root: FileDescriptor
    private let lockFile: FileDescriptor
    let durability: Durability

    private var finished: [CommitJob.Finished] = []
    private var finishedBytes: Int64 = 0
    private var oldestFinished: MonotonicInstant?
    private var writing = false
    private var buffer: UnsafeMutableRawBufferPointer?
    /// The state file still lists the renames of the last commit (cleared by the next write).
    private var journalOnDisk = false
    /// Set by a failure that leaves the rest to the next open's recovery, or by `close`.
    private var failure: MailStoreError?
    /// Made with the first background commit, ended by `close`.
    private var committer: CommitThread<CommitJob.Outcome>?

    static let stateFileName = "mailtls-state"
    static let lockFileName = "mailtls-lock"
    /// The Maildir specification's age past which anyone may remove a file in `tmp/`.
    static let abandonedAge = 36 * 3600

    /// Opens the Maildir at `path`, creating it, the directories above it and its
    /// subdirectories if missing (mode 0700); finishes the renames an interrupted commit
    /// recorded and removes abandoned files from `tmp/` (see `removeAbandonedFiles`).
    /// - Throws: `.locked` while another process has it open, `.unusableDestination` when
    ///   `path` or a directory above it is not a directory, `.corruptState`, `.writeFailed`.
    public static func open(at path: String, options: StoreOptions = StoreOptions()) throws(MailStoreError) -> Maildir {
        try ParentDirectories.create(above: path)
        if mkdir(path, 0o700) == 0 {
            try FileDescriptor.openDirectory(parentPath(of: path), followLink: true).sync()
        } else if errno != EEXIST {
            throw .system("create directory", path)
        } else {
            var info = stat()
            if stat(path, &info) == 0 && !info.isDirectory {
                throw MailStoreError(
                    .unusableDestination, "\(path) is not a directory and cannot be a Maildir", errorNumber: ENOTDIR)
            }
        }
        let root = try FileDescriptor.openDirectory(path, followLink: true)
        return try Maildir(root: root, path: path, options: options)
    }

    /// The Maildir++ folder for `name` under this (root) Maildir, created with its
    /// `maildirfolder` marker if missing; INBOX is the root itself. Each folder is a Maildir
    /// with its own state, lock and batches, holding five descriptors until `close()`: pull
    /// one folder at a time.
    public func folder(_ name: MaildirFolderName) throws(MailStoreError) -> Maildir {
        if name.isInbox { return self }
        let created = try root.makeDirectory(name.directoryName)
        let directory = try FileDescriptor.openDirectory(name.directoryName, in: root)
        _ = try FileDescriptor.open("maildirfolder", in: directory, flags: O_WRONLY | O_CREAT)
        if created { try root.sync() }
        // Creating tmp/, new/ and cur/ syncs the folder, the marker's entry included.
        return try Maildir(root: directory, path: path + "/" + name.directoryName, options: options)
    }

    private init(root: FileDescriptor, path: String, options: StoreOptions) throws(MailStoreError) {
        self.root = root
        self.path = path
        self.options = options
        var created = false
        for name in ["tmp", "new", "cur"] where try root.makeDirectory(name) { created = true }
        if created { try root.sync() }
        tmp = try .openDirectory("tmp", in: root)
        new = try .openDirectory("new", in: root)
        cur = try .openDirectory("cur", in: root)
        // Their paths are made lazily: made here, before a commit thread can read them too.
        _ = (tmp.path, new.path, cur.path)
        lockFile = try .open(Self.lockFileName, in: root, flags: O_RDWR | O_CREAT)
        guard try lockFile.lockForWriting(until: .now().adding(milliseconds: options.lockTimeoutMilliseconds)) else {
            throw MailStoreError(.locked, "Maildir \(path) is in use by another process (lock on \(lockFile.path))")
        }
        host = MaildirUniqueName.localHost()
        durability = options.durability == .batched && FilesystemSync.isAvailable ? .batched : .perMessage
        stateFile = StateFile(directory: root, name: Self.stateFileName)
        let record = try stateFile.load()
        state = record.sync
        try finishRecordedRenames(record)
        try removeAbandonedFiles()
    }

    deinit {
        _ = try? waitForCommit()
        discardUncommitted()
        buffer?.deallocate()
    }

    /// Lent to each message's writer in turn (`MaildirMessageWriter`): one buffer for the run,
    /// made with the first message.
    var writeBuffer: UnsafeMutableRawBufferPointer {
        if let buffer { return buffer }
        let made = UnsafeMutableRawBufferPointer.allocate(byteCount: MaildirMessageWriter.bufferCapacity, alignment: 16)
        buffer = made
        return made
    }

    // MARK: Writing

    public func beginMessage(_ info: MessageInfo) throws(MailStoreError) -> any MessageWriter {
        if let outcome = committer?.poll() { _ = try apply(outcome, inBackground: true) }
        try checkUsable()
        precondition(!writing, "Maildir: one message at a time")
        var attempts = 0
        while true {
            let name = MaildirUniqueName.make(host: host)
            do throws(MailStoreError) {
                let file = try FileDescriptor.open(name, in: tmp, flags: O_WRONLY | O_CREAT | O_EXCL)
                writing = true
                return MaildirMessageWriter(maildir: self, name: name, file: file, info: info)
            } catch  where error.errorNumber == EEXIST && attempts < 3 {
                attempts += 1
            }
        }
    }

    /// Called by the writer: its file in `tmp/` is complete.
    func didFinish(name: String, info: MessageInfo, byteCount: Int64) {
        writing = false
        let destination = info.flags.isEmpty ? "new/" + name : "cur/" + name + info.flags.maildirInfo
        finished.append(CommitJob.Finished(name: name, destination: destination, key: info.key, byteCount: byteCount))
        finishedBytes += byteCount
        if oldestFinished == nil { oldestFinished = .now() }
    }

    /// Called by the writer: it removed its file.
    func didAbandon() {
        writing = false
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
        try waitForCommit()
        guard let job = try takeBatch(recording: newState, listingSaved: true) else { return [] }
        return try apply(job.run(), inBackground: false)
    }

    /// The batch is made durable on the commit thread (`CommitThread`) while the caller streams
    /// the next one into `tmp/`; a commit still in flight is waited for first. Until the job
    /// ends, this Maildir's fields are the caller's thread's alone: the job gets the batch, the
    /// state and the directories' descriptors (`CommitJob`), and its outcome is applied here,
    /// by `waitForCommit`, `beginMessage` (when it has ended) or the next commit.
    public func commitInBackground(recording newState: SyncState) throws(MailStoreError) {
        try waitForCommit()
        guard let job = try takeBatch(recording: newState, listingSaved: false) else { return }
        let thread = committer ?? CommitThread()
        committer = thread
        do throws(MailStoreError) {
            try thread.start { job.run() }
        } catch {
            _ = try apply(job.run(), inBackground: false)  // no thread: commit here
        }
    }

    public func waitForCommit() throws(MailStoreError) {
        guard let outcome = committer?.wait() else { return }
        _ = try apply(outcome, inBackground: true)
    }

    /// The finished messages, handed over to a job that commits them with `newState`; nil when
    /// there is nothing to write.
    private func takeBatch(recording newState: SyncState, listingSaved: Bool) throws(MailStoreError) -> CommitJob? {
        try checkUsable()
        precondition(!writing, "Maildir: commit while a message is being written")
        guard !finished.isEmpty || newState != state || journalOnDisk else { return nil }
        let job = CommitJob(
            batch: finished, state: newState, path: path, tmp: tmp, new: new, cur: cur, stateFile: stateFile,
            durability: durability, listsSaved: listingSaved)
        forgetUncommitted()
        return job
    }

    /// Takes a job's outcome into this Maildir's state. A failed background commit leaves the
    /// Maildir unusable: the caller has gone on to record states covering that batch, which must
    /// never reach the disk (and it may not delete anything on the server).
    private func apply(_ outcome: CommitJob.Outcome, inBackground: Bool) throws(MailStoreError) -> [SavedMessage] {
        switch outcome {
        case .committed(let newState, let journal, let saved):
            state = newState
            journalOnDisk = journal
            return saved
        case .failed(let error, let recorded):
            if recorded || inBackground { fail(error) }
            throw error
        }
    }

    public func discardUncommitted() {
        for message in finished { try? tmp.remove(message.name) }
        forgetUncommitted()
    }

    private func forgetUncommitted() {
        finished = []
        finishedBytes = 0
        oldestFinished = nil
    }

    public func close() throws(MailStoreError) {
        defer { committer = nil }  // ends the thread
        discardUncommitted()
        try waitForCommit()
        if failure == nil && journalOnDisk {
            do throws(StateFile.Failure) {
                try stateFile.save(StateRecord(sync: state))
            } catch {
                fail(error.error)
                throw error.error
            }
            journalOnDisk = false
        }
        if failure == nil { fail(MailStoreError(.storeUnusable, "Maildir \(path) is closed")) }
        try? lockFile.close()
    }

    /// Everything further is left to the next open's recovery.
    private func fail(_ error: MailStoreError) {
        failure = MailStoreError(.storeUnusable, "Maildir \(path) is unusable after an earlier error: \(error.message)")
    }

    private func checkUsable() throws(MailStoreError) {
        if let failure { throw failure }
    }
}
