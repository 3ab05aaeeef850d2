/// What `Mbox.open` does about an interrupted run before anything else.
extension Mbox {
    /// The state records that a batch began at `start` and was never committed. Its bytes are
    /// cut off when nothing else can have written since: our interrupted run's dotlock was
    /// still there, and a `From ` line (after its separation) is where the batch began.
    func cutOffInterruptedBatch(at start: Int64) throws(MailStoreError) {
        if length > start {
            if lock.foundStaleLockOfOurs, try batchBegins(at: start) {
                try file.truncate(to: start)
                try file.dataSync()
                length = start
            } else {
                recoveryNote =
                    "\(path): bytes \(start) to \(length) were written by an interrupted run, but another program changed the file since; they were left in place and may hold a partial or duplicate message"
            }
        }
        try save(StateRecord(sync: state))
    }

    private func batchBegins(at start: Int64) throws(MailStoreError) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 7)
        let count = try bytes.withMutableBytes { (raw) throws(MailStoreError) in try file.read(into: raw, at: start) }
        let text = bytes[..<count]
        let from = Array("From ".utf8)
        return text.starts(with: from) || text.starts(with: [.lf] + from) || text.starts(with: [.lf, .lf] + from)
    }
}
