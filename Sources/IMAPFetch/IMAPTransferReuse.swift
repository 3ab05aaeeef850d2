import CLI
import CurlURL
import IMAP

/// A logged-in IMAP session kept between transfers, with the mailbox it has selected.
final class IMAPKeptSession {
    let session: IMAPSession
    private var selected: (mailbox: IMAPMailboxName, state: IMAPSession.SelectedMailbox)?

    init(_ session: IMAPSession) { self.session = session }

    /// SELECTs `mailbox` unless this session has it selected already.
    func select(_ mailbox: IMAPMailboxName) throws -> IMAPSession.SelectedMailbox {
        if let selected, selected.mailbox == mailbox { return selected.state }
        selected = nil
        let state = try session.select(mailbox, readOnly: false)
        selected = (mailbox, state)
        return state
    }
}

/// A transfer of `imap-fetch`: `-T` is its request too (an APPEND over the kept session).
typealias IMAPTransferReuse = TransferReuse<IMAPKeptSession>

extension TransferReuse where Session == IMAPKeptSession {
    static let imapRequestOptions: Set<String> = ["output", "request", "upload-file", "list-only", "head"]

    init(transfer: Transfer, sessions: SessionReuse<IMAPKeptSession>, keepOpen: Bool) {
        self.init(transfer: transfer, sessions: sessions, keepOpen: keepOpen, requestOptions: Self.imapRequestOptions)
    }

    /// The tag letter of the connection about to open: `A` for the first, `B` for the second...
    var nextTagPrefix: String {
        defer { sessions.opening() }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String(letters[sessions.connectionsOpened % letters.count])
    }
}
