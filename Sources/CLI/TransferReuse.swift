import CurlURL

/// One transfer's view of the run's kept session: take it when this transfer's URL and options
/// match it (curl's connection reuse: no second greeting or login), keep this transfer's
/// session for the next one.
public struct TransferReuse<Session> {
    public let transfer: Transfer
    public let sessions: SessionReuse<Session>
    /// Another transfer follows: leave the session logged in.
    public let keepOpen: Bool
    /// The options that only shape this transfer's request or output (`-o`, `-X`...).
    let requestOptions: Set<String>

    public init(transfer: Transfer, sessions: SessionReuse<Session>, keepOpen: Bool, requestOptions: Set<String>) {
        self.transfer = transfer
        self.sessions = sessions
        self.keepOpen = keepOpen
        self.requestOptions = requestOptions
    }

    /// The kept session if it serves `url`; otherwise the kept one is ended (nil).
    public func take(url: CurlURL) -> Session? {
        if let kept = sessions.take(key(url)) { return kept }
        sessions.release()
        return nil
    }

    public func keep(_ session: Session, url: CurlURL) { sessions.keep(session, for: key(url)) }

    public func releaseKept() { sessions.release() }

    private func key(_ url: CurlURL) -> ConnectionKey {
        ConnectionKey(url: url, transfer: transfer, requestOptions: requestOptions)
    }
}
