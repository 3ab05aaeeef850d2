#if canImport(Glibc)
    import Glibc
#endif

/// Locks an mbox against other writers both ways mail programs do: first a dotlock `FILE.lock`
/// created with O_EXCL (what procmail, mutt and Postfix's local agent honour, and it works
/// over NFS), then an fcntl write lock on the whole file (what Dovecot and mutt take). Each is
/// waited for up to the deadline, polling.
///
/// The dotlock holds `<pid> <host> mailtls`; one whose process no longer runs on this host
/// was left by an interrupted run of ours and is removed.
final class MboxLock {
    let dotlockPath: String
    /// A dotlock of an interrupted run of ours was found: proof that no program honouring
    /// dotlocks has written to the mbox since that run (see `Mbox` recovery).
    let foundStaleLockOfOurs: Bool
    private var held = true

    private static let marker = "mailtls"

    /// Takes the dotlock; the caller then takes the fcntl lock on the open file.
    init(mboxPath: String, host: String, deadline: MonotonicInstant) throws(MailStoreError) {
        dotlockPath = mboxPath + ".lock"
        var stale = false
        while true {
            do throws(MailStoreError) {
                let file = try FileDescriptor.open(dotlockPath, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
                try file.write(Array("\(getpid()) \(host) \(Self.marker)\n".utf8))
                try file.close()
                break
            } catch  where error.errorNumber == EEXIST {
                if Self.isStale(dotlockPath, host: host) {
                    guard unlink(dotlockPath) == 0 || errno == ENOENT else { throw .system("remove", dotlockPath) }
                    stale = true
                    continue
                }
                guard MonotonicInstant.now() < deadline else {
                    throw MailStoreError(
                        .locked, "Mailbox \(mboxPath) is locked by another program (\(dotlockPath) exists)")
                }
                MonotonicInstant.pause()
            }
        }
        foundStaleLockOfOurs = stale
    }

    deinit {
        release()
    }

    /// Removes the dotlock (the fcntl lock ends when the mbox file is closed).
    func release() {
        guard held else { return }
        held = false
        unlink(dotlockPath)
    }

    private static func isStale(_ path: String, host: String) -> Bool {
        guard let file = try? FileDescriptor.open(path, flags: O_RDONLY) else { return false }
        var bytes = [UInt8](repeating: 0, count: 300)
        guard
            let count = try? bytes.withMutableBytes({ (raw) throws(MailStoreError) in try file.read(into: raw, at: 0) })
        else { return false }
        let fields = String(decoding: bytes[..<count], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 3, fields[1] == host, fields[2] == marker, let pid = pid_t(fields[0]), pid > 0 else {
            return false
        }
        return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}
