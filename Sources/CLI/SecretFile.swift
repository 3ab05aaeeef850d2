#if canImport(Glibc)
    import Glibc
#endif

/// Files that may hold passwords (config files, netrc): read whole but bounded, and refused
/// while they hold a password that other users may read, as msmtp refuses them.
package enum SecretFile {
    /// The most a config or netrc file may hold.
    package static let maxBytes = 1 << 20

    /// The file's bytes and permission bits; READ_ERROR (26, curl's code for a config file it
    /// cannot read) when it cannot be opened or read.
    package static func read(_ path: String, what: String) throws(ToolError) -> (bytes: [UInt8], mode: mode_t) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ToolError(.readError, "cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw ToolError(.readError, "cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw ToolError(.readError, "\(what) \(path) is a directory") }
        return (try read(descriptor: fd, name: path, what: what), status.st_mode)
    }

    /// Everything `descriptor` gives until end of file (standard input for `-K -`).
    package static func read(descriptor: Int32, name: String, what: String) throws(ToolError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = Glibc.read(descriptor, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else {
                throw ToolError(.readError, "cannot read \(what) \(name): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return bytes }
            bytes += buffer[0..<n]
            guard bytes.count <= maxBytes else { throw ToolError(.readError, "\(what) \(name) is larger than 1 MiB") }
        }
    }

    /// Refuses a file holding a password that its group or others may read or change (any
    /// permission bit beyond the owner's): bad usage (2), naming the file and the fix.
    package static func requirePrivate(_ path: String, mode: mode_t, what: String) throws(ToolError) {
        guard mode & 0o077 == 0 else {
            throw ToolError.usage(
                "\(what) \(path) holds a password and other users have access to it: run chmod 600 \(path)")
        }
    }
}
