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

/// One transfer's view of the run's kept session: take it when this transfer's URL and options
/// match it (curl's connection reuse: no second greeting or login), keep this transfer's
/// session for the next one.
struct IMAPTransferReuse {
    static let requestOptions: Set<String> = ["output", "request", "upload-file", "list-only", "head"]

    let transfer: Transfer
    let sessions: SessionReuse<IMAPKeptSession>
    /// Another transfer follows: leave the session logged in.
    let keepOpen: Bool

    /// The kept session if it serves `url`; otherwise the kept one is logged out (nil).
    func take(url: CurlURL) -> IMAPKeptSession? {
        if let kept = sessions.take(key(url)) { return kept }
        sessions.release { $0.session.logout() }
        return nil
    }

    /// The tag letter of the connection about to open: `A` for the first, `B` for the second...
    var nextTagPrefix: String {
        defer { sessions.opening() }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String(letters[sessions.connectionsOpened % letters.count])
    }

    func keep(_ kept: IMAPKeptSession, url: CurlURL) { sessions.keep(kept, for: key(url)) }

    func releaseKept() { sessions.release { $0.session.logout() } }

    private func key(_ url: CurlURL) -> ConnectionKey {
        ConnectionKey(url: url, transfer: transfer, requestOptions: Self.requestOptions)
    }
}
