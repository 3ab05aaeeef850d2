#if canImport(Glibc)
    import Glibc
#endif

/// One owned file or directory descriptor, closed in `deinit`. Every call retries on EINTR and
/// turns errno into a `MailStoreError` naming `path`, so callers never handle errno.
final class FileDescriptor {
    private(set) var rawValue: Int32
    /// The directory's path, or nil when `name` is the whole path.
    private let directoryPath: String?
    private let name: String

    /// For messages only: made when first asked and kept, so that opening a file in a
    /// directory (a message in a Maildir's `tmp/`) builds no path string.
    private(set) lazy var path: String = directoryPath.map { $0 + "/" + name } ?? name

    init(takingOwnership rawValue: Int32, path: String) {
        self.rawValue = rawValue
        self.directoryPath = nil
        self.name = path
    }

    private init(takingOwnership rawValue: Int32, name: String, in directoryPath: String) {
        self.rawValue = rawValue
        self.directoryPath = directoryPath
        self.name = name
    }

    deinit {
        if rawValue >= 0 { Glibc.close(rawValue) }
    }

    /// Opens `name` relative to `directory` (or the working directory), never leaking into
    /// executed programs. Files the stores create inside their own directories are opened
    /// without following a symbolic link; a path the user gave may be one (`followLink`).
    static func open(
        _ name: String, in directory: FileDescriptor? = nil, followLink: Bool = false,
        flags: Int32, mode: mode_t = 0o600
    ) throws(MailStoreError) -> FileDescriptor {
        let base = directory?.rawValue ?? AT_FDCWD
        let extra = O_CLOEXEC | (followLink ? 0 : O_NOFOLLOW)
        while true {
            let fd = openat(base, name, flags | extra, mode)
            if fd >= 0 {
                guard let directory else { return FileDescriptor(takingOwnership: fd, path: name) }
                return FileDescriptor(takingOwnership: fd, name: name, in: directory.path)
            }
            let code = errno
            if code == EINTR { continue }
            let action = flags & O_CREAT != 0 ? "create" : "open"
            throw .system(action, directory.map { $0.path + "/" + name } ?? name, errno: code)
        }
    }

    /// Opens a directory for `*at` calls and for fsync.
    static func openDirectory(
        _ name: String, in directory: FileDescriptor? = nil,
        followLink: Bool = false
    ) throws(MailStoreError) -> FileDescriptor {
        do throws(MailStoreError) {
            return try open(name, in: directory, followLink: followLink, flags: O_RDONLY | O_DIRECTORY)
        } catch  where error.errorNumber == ENOTDIR || error.errorNumber == ELOOP {
            let path = directory.map { $0.path + "/" + name } ?? name
            throw MailStoreError(.unusableDestination, "\(path) is not a directory", errorNumber: error.errorNumber)
        }
    }

    /// Writes all of `bytes` at the current offset.
    func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(rawValue, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .system("write", path)
            }
            done += n
        }
    }

    func write(_ bytes: [UInt8]) throws(MailStoreError) {
        try bytes.withBytes { (raw) throws(MailStoreError) in try write(raw) }
    }

    /// Writes all of `bytes` at `offset`, leaving the file offset alone.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(MailStoreError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(rawValue, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .system("write", path)
            }
            done += n
        }
    }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(MailStoreError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .system("read", path)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Makes the file's bytes (and the size needed to read them) durable.
    func dataSync() throws(MailStoreError) {
        while fdatasync(rawValue) != 0 {
            if errno != EINTR { throw .system("sync", path) }
        }
    }

    /// Makes a directory's entries durable (after creating, renaming or removing in it).
    func sync() throws(MailStoreError) {
        while fsync(rawValue) != 0 {
            if errno != EINTR { throw .system("sync", path) }
        }
    }

    func truncate(to length: Int64) throws(MailStoreError) {
        while ftruncate(rawValue, off_t(length)) != 0 {
            if errno != EINTR { throw .system("truncate", path) }
        }
    }

    func status() throws(MailStoreError) -> stat {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else { throw .system("examine", path) }
        return info
    }

    /// Sets the access and modification times (a message's arrival date, which Maildir
    /// readers such as Dovecot use as the received date).
    func setModificationTime(secondsSince1970 seconds: Int64) throws(MailStoreError) {
        let time = timespec(tv_sec: Int(seconds), tv_nsec: 0)
        var times = (time, time)  // a tuple, not an array: no allocation per message
        let status = withUnsafePointer(to: &times) { pair in
            pair.withMemoryRebound(to: timespec.self, capacity: 2) { futimens(rawValue, $0) }
        }
        guard status == 0 else { throw .system("set the date of", path) }
    }

    /// Closes now, reporting the error some file systems (NFS) only give at close.
    func close() throws(MailStoreError) {
        let fd = rawValue
        rawValue = -1
        guard fd >= 0 else { return }
        if Glibc.close(fd) != 0 && errno != EINTR { throw .system("close", path) }
    }
}
