#if canImport(Glibc)
    import Glibc
#endif

/// Directory operations relative to an open directory, so a long path is resolved once and a
/// renamed parent cannot redirect a write.
extension FileDescriptor {
    /// Creates `name` in this directory; returns false if it already existed.
    func makeDirectory(_ name: String, mode: mode_t = 0o700) throws(MailStoreError) -> Bool {
        if mkdirat(rawValue, name, mode) == 0 { return true }
        if errno == EEXIST { return false }
        throw .system("create directory", path + "/" + name)
    }

    /// The names in this directory, "." and ".." left out.
    func entries() throws(MailStoreError) -> [String] {
        let copy = dup(rawValue)
        guard copy >= 0, let stream = fdopendir(copy) else {
            let code = errno
            if copy >= 0 { Glibc.close(copy) }
            throw .system("list", path, errno: code)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `lstat` of an entry; nil when it does not exist.
    func status(of name: String) throws(MailStoreError) -> stat? {
        var info = stat()
        if fstatat(rawValue, name, &info, AT_SYMLINK_NOFOLLOW) == 0 { return info }
        if errno == ENOENT { return nil }
        throw .system("examine", path + "/" + name)
    }

    func rename(_ name: String, to target: FileDescriptor, as newName: String) throws(MailStoreError) {
        guard renameat(rawValue, name, target.rawValue, newName) == 0 else {
            throw .system("rename \(path)/\(name) to", target.path + "/" + newName)
        }
    }

    /// `rename(_:to:as:)` to the part of `path` after its first `offset` bytes (`new/NAME` to
    /// `NAME`), without making a string of it (a commit renames a thousand files).
    func rename(
        _ name: String, to target: FileDescriptor, asTailOf path: String, from offset: Int
    )
        throws(MailStoreError)
    {
        let status = path.withCString { renameat(rawValue, name, target.rawValue, $0 + offset) }
        guard status == 0 else {
            throw .system("rename \(self.path)/\(name) to", target.path + "/" + String(path.utf8.dropFirst(offset))!)
        }
    }

    /// Removes a file; a missing one is not an error.
    func remove(_ name: String) throws(MailStoreError) {
        guard unlinkat(rawValue, name, 0) == 0 || errno == ENOENT else {
            throw .system("remove", path + "/" + name)
        }
    }
}

extension stat {
    var isDirectory: Bool { st_mode & S_IFMT == S_IFDIR }
    var isRegularFile: Bool { st_mode & S_IFMT == S_IFREG }
}

/// The directory containing `path` ("." for a bare name).
func parentPath(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
}
