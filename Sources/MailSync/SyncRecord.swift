import MailStore

/// What a pull records in a destination's state file, as the `SyncState` lines that file has
/// held since its version 1 (users have such files: the lines stay byte for byte as they are):
/// ```
/// imap-uidvalidity 3857529045        IMAP: both lines, or neither
/// imap-highest-uid 4021
/// imap-mailbox 494e424f58            IMAP, optional: the mailbox's wire name in hex
/// pop3-uidl-count 2                  POP3: the count, then that many uidl lines, sorted
/// pop3-uidl whqtswO00WBw418f9t5JxYwZ
/// pop3-uidl QhdPYR:00WBw1Ph7x7
/// ```
/// A destination holds one protocol's record: its watermark or unique ids mean nothing to the
/// other protocol.
public enum SyncRecord: Sendable, Equatable {
    /// Nothing recorded yet: a new destination.
    case empty
    case imap(IMAPSyncState)
    case pop3(POP3SyncState)

    /// - Throws: `.corruptState` naming the state file and line for anything but the lines above.
    public init(_ state: SyncState) throws(MailStoreError) {
        var reader = SyncStateReader(state)
        if let state = try IMAPSyncState(reading: &reader) {
            self = .imap(state)
        } else if let state = try POP3SyncState(reading: &reader) {
            self = .pop3(state)
        } else {
            self = .empty
        }
        try reader.finish()
    }

    /// The lines to record.
    public func syncState() throws(MailStoreError) -> SyncState {
        switch self {
        case .empty: return .empty
        case .imap(let state): return try SyncState(lines: state.lines)
        case .pop3(let state): return try state.syncState()
        }
    }
}
