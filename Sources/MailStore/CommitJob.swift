/// One Maildir commit as a value that owns what it needs, so that it can run on the commit
/// thread (`CommitThread`) while the Maildir goes on writing the next batch into `tmp/`: the
/// batch's files, the state to record, and the directories' descriptors. The descriptors are
/// shared with the Maildir, which neither closes nor changes them while a job may run (it waits
/// for the job first); their paths were made when the Maildir opened.
///
/// The steps are `Maildir`'s (see there): make the batch durable, record the state with the
/// renames still to do, rename, sync `new/` and `cur/`. The outcome says whether the state was
/// (perhaps) recorded; the Maildir applies it on its own thread.
struct CommitJob: @unchecked Sendable {
    /// A message finished in `tmp/`, waiting for its commit.
    struct Finished: Sendable {
        let name: String
        /// `new/NAME` or `cur/NAME:2,FLAGS`.
        let destination: String
        let key: String?
        let byteCount: Int64
    }

    enum Outcome: Sendable {
        /// Durable, recorded and visible; `journal`: the state file still lists the renames.
        case committed(SyncState, journal: Bool, saved: [SavedMessage])
        /// `recorded`: the state file may hold the new state (the files stay in `tmp/` for the
        /// next open's recovery); otherwise nothing of the batch is left on disk.
        case failed(MailStoreError, recorded: Bool)
    }

    let batch: [Finished]
    let state: SyncState
    let path: String
    let tmp: FileDescriptor
    let new: FileDescriptor
    let cur: FileDescriptor
    let stateFile: StateFile
    let durability: Durability
    /// Whether the outcome lists the messages saved (`commit` returns them; nobody sees a
    /// background commit's, so none are made on the commit thread).
    let listsSaved: Bool

    func run() -> Outcome {
        if !batch.isEmpty {
            do throws(MailStoreError) {
                if durability == .batched { try FilesystemSync.sync(tmp) } else { try tmp.sync() }
            } catch {
                removeFiles()
                return .failed(error, recorded: false)
            }
        }
        do throws(StateFile.Failure) {
            try stateFile.save(StateRecord(sync: state, pendingDeliveries: batch.map(\.destination)))
        } catch {
            if !error.replaced { removeFiles() }
            return .failed(error.error, recorded: error.replaced)
        }
        do throws(MailStoreError) {
            var toNew = false
            var toCur = false
            for message in batch {
                let isNew = message.destination.hasPrefix("new/")
                if isNew { toNew = true } else { toCur = true }
                try tmp.rename(message.name, to: isNew ? new : cur, as: String(message.destination.dropFirst(4)))
            }
            if toNew { try new.sync() }
            if toCur { try cur.sync() }
        } catch {
            return .failed(error, recorded: true)
        }
        let saved =
            listsSaved
            ? batch.map { SavedMessage(key: $0.key, path: path + "/" + $0.destination, byteCount: $0.byteCount) } : []
        return .committed(state, journal: !batch.isEmpty, saved: saved)
    }

    /// The batch's files, not recorded: gone, as if never downloaded.
    private func removeFiles() {
        for message in batch { try? tmp.remove(message.name) }
    }
}
