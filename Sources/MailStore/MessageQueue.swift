#if canImport(Glibc)
    import Glibc
#endif

/// A directory of messages waiting to be sent again (`smtp-send --queue DIR`), laid out like a
/// Maildir and written the same way, with the same descriptors, unique names and locks:
/// - an entry is written into `tmp/<unique name>`, and only when it must be kept is it
///   fdatasynced, renamed into `new/` and `new/` fsynced (`QueueEntryFile.keep`), so an entry in
///   `new/` is always complete and durable; one that is sent at once never leaves `tmp/`;
/// - entries whose server refused them for good during a flush move to `failed/`, so they are
///   neither lost nor retried for ever;
/// - a flush holds an fcntl lock on `flush.lock`; writing entries takes no lock (unique names,
///   atomic renames), so a message is never kept waiting behind a long flush.
/// What an entry's bytes mean is the caller's business (`QueueEntryHeader` in SMTPSend).
public final class MessageQueue {
    public let path: String
    private let root: FileDescriptor
    let tmp: FileDescriptor
    let new: FileDescriptor
    private let host: String

    static let lockFileName = "flush.lock"
    static let failedDirectory = "failed"

    /// Opens the queue at `path`, creating it (mode 0700) and `tmp/` and `new/` if missing.
    public static func open(at path: String) throws(MailStoreError) -> MessageQueue {
        if mkdir(path, 0o700) == 0 {
            try FileDescriptor.openDirectory(parentPath(of: path), followLink: true).sync()
        } else if errno != EEXIST {
            throw .system("create directory", path)
        }
        return try MessageQueue(root: FileDescriptor.openDirectory(path, followLink: true), path: path)
    }

    private init(root: FileDescriptor, path: String) throws(MailStoreError) {
        self.root = root
        self.path = path
        var created = false
        for name in ["tmp", "new"] where try root.makeDirectory(name) { created = true }
        if created { try root.sync() }
        tmp = try .openDirectory("tmp", in: root)
        new = try .openDirectory("new", in: root)
        host = MaildirUniqueName.localHost()
    }

    /// Starts an entry in `tmp/`.
    public func beginEntry() throws(MailStoreError) -> QueueEntryFile {
        var attempts = 0
        while true {
            let name = MaildirUniqueName.make(host: host)
            do throws(MailStoreError) {
                let file = try FileDescriptor.open(name, in: tmp, flags: O_RDWR | O_CREAT | O_EXCL)
                return QueueEntryFile(queue: self, name: name, file: file)
            } catch  where error.errorNumber == EEXIST && attempts < 3 {
                attempts += 1
            }
        }
    }

    /// The names of the kept entries, oldest first (unique names start with the time).
    public func entryNames() throws(MailStoreError) -> [String] {
        try new.entries().filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Opens a kept entry for reading; nil when it is gone (another flush sent it).
    public func openEntry(_ name: String) throws(MailStoreError) -> QueueEntryFile? {
        do throws(MailStoreError) {
            return QueueEntryFile(queue: self, name: name, file: try .open(name, in: new, flags: O_RDONLY))
        } catch  where error.errorNumber == ENOENT {
            return nil
        }
    }

    /// Removes a sent entry. Not synced at once: should the removal be lost in a crash, the
    /// entry is sent again (at least once, never lost); `syncRemovals` makes a batch durable.
    public func remove(_ name: String) throws(MailStoreError) {
        try new.remove(name)
    }

    public func syncRemovals() throws(MailStoreError) {
        try new.sync()
    }

    /// Moves an entry the server refused for good to `failed/`; returns its new path.
    public func moveToFailed(_ name: String) throws(MailStoreError) -> String {
        if try root.makeDirectory(Self.failedDirectory) { try root.sync() }
        let failed = try FileDescriptor.openDirectory(Self.failedDirectory, in: root)
        try new.rename(name, to: failed, as: name)
        try failed.sync()
        try new.sync()
        return failed.path + "/" + name
    }

    /// Removes what interrupted runs left in `tmp/`, by the Maildir rule (older than 36 hours,
    /// or written by a process of this host that no longer runs). A flush does it.
    public func removeAbandonedEntries() throws(MailStoreError) {
        try Maildir.removeAbandonedFiles(in: tmp, host: host)
    }

    /// The flush lock, or nil at once when another process holds it.
    public func lockForFlush() throws(MailStoreError) -> QueueFlushLock? {
        let file = try FileDescriptor.open(Self.lockFileName, in: root, flags: O_RDWR | O_CREAT)
        guard try file.lockForWriting(until: .now()) else { return nil }
        return QueueFlushLock(file: file)
    }
}

/// Held while a flush runs; released when dropped (or when the process ends, even by SIGKILL).
public final class QueueFlushLock {
    private let file: FileDescriptor
    init(file: FileDescriptor) { self.file = file }
}

/// One entry's file: written in `tmp/` and then kept or discarded, or read from `new/`.
public final class QueueEntryFile {
    private let queue: MessageQueue
    public let name: String
    private var file: FileDescriptor?
    private var size: Int64 = 0

    init(queue: MessageQueue, name: String, file: FileDescriptor) {
        self.queue = queue
        self.name = name
        self.file = file
    }

    deinit { try? file?.close() }

    public var path: String { file?.path ?? queue.path + "/" + name }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError) {
        try open().write(bytes, at: size)
        size += Int64(bytes.count)
    }

    public func write(_ bytes: [UInt8]) throws(MailStoreError) {
        try bytes.withBytes { (raw) throws(MailStoreError) in try write(raw) }
    }

    /// Reads at `offset`; fewer bytes than asked only at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(MailStoreError) -> Int {
        try open().read(into: buffer, at: offset)
    }

    /// The file's size.
    public func byteCount() throws(MailStoreError) -> Int64 { Int64(try open().status().st_size) }

    /// Makes the entry durable and moves it into `new/`, where a flush finds it.
    public func keep() throws(MailStoreError) -> String {
        let file = try open()
        try file.dataSync()
        try file.close()
        self.file = nil
        try queue.tmp.rename(name, to: queue.new, as: name)
        try queue.new.sync()
        return queue.new.path + "/" + name
    }

    /// Removes an entry still in `tmp/` (sent, or refused for good).
    public func discard() {
        try? file?.close()
        file = nil
        try? queue.tmp.remove(name)
    }

    private func open() throws(MailStoreError) -> FileDescriptor {
        guard let file else { throw MailStoreError(.storeUnusable, "queue entry \(name) is closed") }
        return file
    }
}
