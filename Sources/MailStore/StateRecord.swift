/// Everything a state file holds: the caller's `SyncState` and the store's journal of the batch
/// in flight, so a run killed at any point neither loses nor duplicates a message.
struct StateRecord: Sendable, Equatable {
    var sync: SyncState = .empty
    /// Maildir: where each file of the last commit goes (`new/NAME`, `cur/NAME:2,S`). Written
    /// after the files are durable in `tmp/` and before they are renamed, in the same atomic
    /// replacement that records the state covering them; at open, a file still in `tmp/` is
    /// renamed to its place. So a message is either unrecorded and invisible, or recorded and
    /// (at the latest after the next open) visible.
    var pendingDeliveries: [String] = []
    /// Mbox: the file's length when the current batch began, recorded before its first byte is
    /// appended; at open, bytes past it belong to an interrupted batch and are cut off.
    var mboxBatchStart: Int64?
}
