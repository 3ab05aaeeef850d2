import CLI
import CurlURL
import POP3

/// One transfer's view of the run's kept POP3 session: take it when this transfer's URL and
/// options match it (curl's connection reuse: no second greeting or login), keep this
/// transfer's session for the next one.
struct POP3TransferReuse {
    static let requestOptions: Set<String> = ["output", "request", "list-only", "head"]

    let transfer: Transfer
    let sessions: SessionReuse<POP3Session>
    /// Another transfer follows: leave the session logged in.
    let keepOpen: Bool

    /// The kept session if it serves `url`; otherwise the kept one is ended with QUIT (nil).
    func take(url: CurlURL) -> POP3Session? {
        if let kept = sessions.take(key(url)) { return kept }
        releaseKept()
        return nil
    }

    func keep(_ session: POP3Session, url: CurlURL) { sessions.keep(session, for: key(url)) }

    func releaseKept() { sessions.release { try? $0.quit() } }

    private func key(_ url: CurlURL) -> ConnectionKey {
        ConnectionKey(url: url, transfer: transfer, requestOptions: Self.requestOptions)
    }
}
