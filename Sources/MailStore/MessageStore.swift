/// A destination for pulled mail (`Maildir` or `Mbox`) that makes messages durable in batches
/// and records the sync state only for messages it made durable (DESIGN.md rule 4).
///
/// The mailbox pulls use it so:
/// ```
/// let writer = try store.beginMessage(MessageInfo(flags: flags, key: uid))
/// try stream.readExactly(literalSize) { try writer.write($0) }   // bounded pieces
/// try writer.finish()
/// if store.shouldCommit { saved = try store.commit(recording: stateCoveringFinishedMessages) }
/// …
/// saved = try store.commit(recording: finalState); try store.close()
/// ```
/// After `commit` returns, the messages it lists are durable and visible to mail readers, and
/// the state it was given is durably recorded; only then may the caller delete them on the
/// server. If `commit` throws, nothing of the batch is recorded or deleted may be assumed.
public protocol MessageStore: AnyObject {
    /// The durably recorded sync state (`.empty` for a new destination).
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
    /// Drops finished, uncommitted messages: nothing of them stays on disk.
    func discardUncommitted()
    /// Discards what is uncommitted and releases the destination (locks, descriptors).
    func close() throws(MailStoreError)
    /// Fingerprints of the messages already in the destination (`MessageFingerprint`), for
    /// re-synchronising without duplicating when the server's message ids lost their meaning.
    func fingerprints() throws(MailStoreError) -> Set<MessageFingerprint>
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
