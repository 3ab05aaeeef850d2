#if canImport(Glibc)
    import Glibc
#endif

/// What `Maildir.open` does about an interrupted run before anything else.
extension Maildir {
    /// Renames the files an interrupted commit recorded but did not move yet (they were
    /// durable before being recorded), then clears the journal.
    func finishRecordedRenames(_ record: StateRecord) throws(MailStoreError) {
        guard !record.pendingDeliveries.isEmpty else { return }
        var moved: Set<String> = []
        for destination in record.pendingDeliveries {
            let directory = String(destination.prefix(3))
            let finalName = String(destination.dropFirst(4))
            let name = String(finalName.prefix { $0 != ":" })
            guard try tmp.status(of: name) != nil else { continue }
            try tmp.rename(name, to: directory == "new" ? new : cur, as: finalName)
            moved.insert(directory)
        }
        if moved.contains("new") { try new.sync() }
        if moved.contains("cur") { try cur.sync() }
        do throws(StateFile.Failure) {
            try stateFile.save(StateRecord(sync: record.sync))
        } catch {
            throw error.error
        }
    }

    /// Removes the files in `tmp/` that nobody will ever finish: those older than 36 hours
    /// (the specification's rule, for any deliverer), and those named by a process of this
    /// host that no longer runs (an interrupted run of ours, or a killed deliverer). Files of
    /// live processes, like a mail delivery agent writing into the same Maildir, stay.
    func removeAbandonedFiles() throws(MailStoreError) {
        try Self.removeAbandonedFiles(in: tmp, host: host)
    }

    /// The same rule for any `tmp/` written with Maildir unique names (`MessageQueue`'s too).
    static func removeAbandonedFiles(in tmp: FileDescriptor, host: String) throws(MailStoreError) {
        let now = time(nil)
        for name in try tmp.entries() {
            guard let info = try tmp.status(of: name), info.isRegularFile else { continue }
            var abandoned = now - info.st_mtim.tv_sec > abandonedAge
            if !abandoned, let origin = MaildirUniqueName.origin(of: name), origin.host == host, origin.pid != getpid()
            {
                abandoned = kill(origin.pid, 0) != 0 && errno == ESRCH
            }
            if abandoned { try tmp.remove(name) }
        }
    }
}
