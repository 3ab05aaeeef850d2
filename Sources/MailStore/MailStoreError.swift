import ExitCode

#if canImport(Glibc)
    import Glibc
#endif

/// Everything the MailStore layer can fail with. Every message names the file or directory
/// concerned, and for a failed system call the C library's text (`No space left on device`).
///
/// The CLI maps kinds to curl exit codes; the intended code is on each case. Every problem with
/// the local destination is 23 (WRITE_ERROR, "cannot write output/Maildir"), whatever its cause,
/// so a script has one code meaning "the mailbox on disk needs attention"; only data the server
/// sent gets a server code.
public struct MailStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A system call on the destination failed: creating, writing, syncing, renaming or
        /// reading a file or directory (ENOSPC, EDQUOT, EACCES, EROFS, EIO, …). Nothing
        /// half-written is left in `new/`, `cur/` or the mbox (curl 23, WRITE_ERROR).
        case writeFailed
        /// The path exists but is the wrong kind of thing: a file where a Maildir directory
        /// belongs, a directory or device where an mbox file belongs (curl 23, WRITE_ERROR).
        case unusableDestination
        /// Another process holds the mbox lock (its dotlock or fcntl lock) for longer than
        /// `StoreOptions.lockTimeout`. 23 rather than 7: the server was reached, the output is
        /// what cannot be written (curl 23, WRITE_ERROR).
        case locked
        /// The state file is not in the documented format, or is of a newer version. It is
        /// never replaced silently: starting over would fetch and duplicate every message. 23
        /// rather than 8: the bad bytes are local, not the server's (curl 23, WRITE_ERROR).
        case corruptState
        /// A mailbox name that cannot be a Maildir++ folder: an empty hierarchy level, as in
        /// `a//b` (curl 23, WRITE_ERROR).
        case unsupportedFolderName
        /// A sync state would grow past the bound its caller sets on it (curl 23,
        /// WRITE_ERROR).
        case stateTooLarge
        /// The store failed earlier in this run (a failed commit whose recovery is left to the
        /// next open) and refuses further work (curl 23, WRITE_ERROR).
        case storeUnusable
    }

    public let kind: Kind
    public let message: String
    /// The errno of the failed system call, when there was one.
    public let errorNumber: Int32?

    public init(_ kind: Kind, _ message: String, errorNumber: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.errorNumber = errorNumber
    }

    public var description: String { message }

    /// The error for a failed system call, read from `errno` at once: "Cannot create
    /// /m/tmp/x: No space left on device".
    static func system(_ action: String, _ path: String, errno code: Int32 = errno) -> MailStoreError {
        MailStoreError(.writeFailed, "Cannot \(action) \(path): \(String(cString: strerror(code)))", errorNumber: code)
    }
}

extension MailStoreError: CurlCodeError {
    public var curlCode: CurlCode {
        switch kind {
        case .writeFailed, .unusableDestination, .locked, .corruptState, .unsupportedFolderName, .stateTooLarge,
            .storeUnusable:
            .writeError
        }
    }
}
