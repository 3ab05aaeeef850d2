#if canImport(Glibc)
    import Glibc
#endif

/// The directories above a destination, created when missing (mode 0700, as `mkdir -p` under
/// umask 077), so that `--maildir ~/Mail/work` works on a fresh account. Each new directory's
/// parent is fsynced, so the entries are durable before any message is recorded as saved.
enum ParentDirectories {
    /// The deepest path a destination may have: as many levels are created at most.
    static let maxDepth = 256

    /// Creates every missing directory above `path`.
    /// - Throws: `.unusableDestination` when one of them exists and is not a directory,
    ///   `.writeFailed` when one cannot be created (EACCES, EROFS, ENOSPC, ...).
    static func create(above path: String) throws(MailStoreError) {
        var missing: [String] = []
        var directory = parentPath(of: path)
        while missing.count < maxDepth {
            var info = stat()
            if stat(directory, &info) == 0 {
                guard info.isDirectory else {
                    throw MailStoreError(
                        .unusableDestination, "\(directory) is not a directory, so \(path) cannot be created",
                        errorNumber: ENOTDIR)
                }
                break
            }
            // ENOTDIR: a file further up, reported when the walk reaches it.
            guard errno == ENOENT || errno == ENOTDIR else { throw .system("examine", directory) }
            missing.append(directory)
            let parent = parentPath(of: directory)
            if parent == directory { break }
            directory = parent
        }
        for created in missing.reversed() {
            guard mkdir(created, 0o700) == 0 || errno == EEXIST else { throw .system("create directory", created) }
            try FileDescriptor.openDirectory(parentPath(of: created), followLink: true).sync()
        }
    }
}
