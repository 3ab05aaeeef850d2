/// How a store writes, shared by `Maildir` and `Mbox`.
public struct StoreOptions: Sendable {
    /// CR LF becomes LF on the way to disk (see `LineEndingConverter`). On by default: the
    /// servers send CR LF, Unix mail files hold LF.
    public var convertLineEndings = true
    /// When `shouldCommit` turns true.
    public var batchLimits = BatchLimits()
    public var durability = Durability.batched
    /// Mbox only: how long to wait for another program's lock before failing with `.locked`.
    public var lockTimeoutMilliseconds = 10_000

    public init() {}
}

/// The bound on a batch, which is the most an interrupted run can lose of what it downloaded
/// (never anything recorded: recorded messages are durable). A batch is due when any limit is
/// reached; the caller checks `shouldCommit` after each finished message. The defaults make a
/// commit's fixed cost (one syncfs, a state file replaced, two directory fsyncs: a few
/// milliseconds) negligible next to the batch, while a crash costs at most 1,000 messages, 64
/// MiB or 10 seconds of downloading again.
public struct BatchLimits: Sendable, Equatable {
    public var maxMessages = 1_000
    public var maxBytes: Int64 = 64 << 20
    /// Since the oldest uncommitted message finished: a slow server still gets its messages
    /// recorded (and, with `--delete`, deleted) as the run goes.
    public var maxSeconds = 10

    public init() {}

    public init(maxMessages: Int, maxBytes: Int64, maxSeconds: Int) {
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
        self.maxSeconds = maxSeconds
    }
}

/// How finished messages are made durable before a commit records them.
public enum Durability: Sendable, Equatable {
    /// One `syncfs` per commit for all files of the batch (see `FilesystemSync`); where it is
    /// not available, falls back to `.perMessage`.
    case batched
    /// An fdatasync per message as it finishes (still no directory fsync per message).
    case perMessage
}
