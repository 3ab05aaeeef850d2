/// A destination for pulled mail (`Maildir` or `Mbox`) that makes messages durable in batches
/// and records the sync state only for messages it made durable (DESIGN.md rule 4).
///
/// The mailbox pulls use it so:
/// ```
/// let writer = try store.beginMessage(MessageInfo(flags: flags, key: uid))
/// try stream.readExactly(literalSize) { try writer.write($0) }   // bounded pieces
/// try writer.finish()
/// if store.shouldCommit { try store.commitInBackground(recording: stateCoveringFinishedMessages) }
/// …
/// saved = try store.commit(recording: finalState); try store.close()   // waits for the one in flight
/// ```
/// After `commit` returns, the messages it lists are durable and visible to mail readers, and
/// the state it was given is durably recorded; only then may the caller delete them on the
/// server. If `commit` throws, nothing of the batch is recorded or deleted may be assumed.
public protocol MessageStore: AnyObject {
    /// The durably recorded sync state (`.empty` for a new destination); a background commit's
    /// once its outcome is collected.
    var state: SyncState { get }
    /// Starts a message. One writer at a time.
    func beginMessage(_ info: MessageInfo) throws(MailStoreError) -> any MessageWriter
    /// Finished messages not yet committed.
    var uncommittedCount: Int { get }
    /// Whether a limit of `StoreOptions.batchLimits` is reached.
    var shouldCommit: Bool { get }
    /// Makes every finished message durable and visible, then records `state` (which must
    /// cover no message outside those and earlier commits) and returns the messages saved.
    /// Called between messages, never while a writer is open.
    func commit(recording state: SyncState) throws(MailStoreError) -> [SavedMessage]
    /// `commit`, but returns while the batch is made durable (Maildir: on its commit thread),
    /// so the caller streams the next batch meanwhile; one commit at most is in flight (a
    /// second waits for the first). Its failure is thrown by a later call (`beginMessage`,
    /// a commit, `waitForCommit`, `close`) and leaves the store refusing every later commit:
    /// the states the caller records next cover that batch. Only after `commit` or
    /// `waitForCommit` returns are its messages durable, so deletes on the server wait for that.
    /// By default the same as `commit`.
    func commitInBackground(recording state: SyncState) throws(MailStoreError)
    /// Waits for a commit started by `commitInBackground`; throws its failure.
    func waitForCommit() throws(MailStoreError)
    /// Drops finished, uncommitted messages: nothing of them stays on disk.
    func discardUncommitted()
    /// Discards what is uncommitted and releases the destination (locks, descriptors).
    func close() throws(MailStoreError)
    /// Fingerprints of the messages already in the destination (`MessageFingerprint`), for
    /// re-synchronising without duplicating when the server's message ids lost their meaning.
    func fingerprints() throws(MailStoreError) -> Set<MessageFingerprint>
}

extension MessageStore {
    public func commitInBackground(recording state: SyncState) throws(MailStoreError) {
        _ = try commit(recording: state)
    }

    public func waitForCommit() throws(MailStoreError) {}
}

/// Takes one message's bytes in pieces, as they arrive.
public protocol MessageWriter: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(MailStoreError)
    /// The whole message arrived: it joins the uncommitted batch.
    func finish() throws(MailStoreError)
    /// The message will not be completed (the transfer failed): nothing of it stays on disk.
    /// Also done when a writer is dropped unfinished.
    func abandon()
}

extension MessageWriter {
    public func write(_ bytes: [UInt8]) throws(MailStoreError) {
        try bytes.withBytes { (raw) throws(MailStoreError) in try write(raw) }
    }
}
