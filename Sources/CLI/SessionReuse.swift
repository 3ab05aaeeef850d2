import Codec
import CurlURL

/// What decides whether a transfer may use a session left open by the one before it, as curl
/// reuses a connection: the same scheme, host, port and URL login (user and password), and the
/// same options for everything but the request itself (TLS, STARTTLS policy, `-u`, timeouts...).
public struct ConnectionKey: Equatable {
    let scheme: String
    let host: String
    let port: Int?
    let user: String?
    let password: String?
    let options: [ParsedOption]
    let session: String

    /// `requestOptions`: the options that only shape the request or its output (`-o`, `-X`...);
    /// `session`: what else the session was opened with (SMTP's EHLO name).
    public init(url: CurlURL, transfer: Transfer, requestOptions: Set<String>, session: String = "") {
        self.session = session
        scheme = url.scheme.lowercased()
        host = url.host.lowercased()
        port = url.effectivePort
        user = url.user
        password = url.password
        options = transfer.parsed.options.filter { !requestOptions.contains($0.name) }
    }
}

/// A logged-in session kept between the transfers of one run, at most one at a time; and how
/// many connections the run opened (curl's IMAP tags of the n-th connection start with the n-th
/// letter).
public final class SessionReuse<Session> {
    private var kept: (key: ConnectionKey, session: Session)?
    public private(set) var connectionsOpened = 0
    /// How a kept session ends when it is not reused (LOGOUT, QUIT).
    private let close: (Session) -> Void

    public init(close: @escaping (Session) -> Void) { self.close = close }

    /// The kept session when `key` matches it; nil otherwise (the caller opens a new one, after
    /// `release` closed the kept one).
    public func take(_ key: ConnectionKey) -> Session? {
        guard let kept, kept.key == key else { return nil }
        self.kept = nil
        return kept.session
    }

    /// Counts a connection the caller opens.
    public func opening() { connectionsOpened += 1 }

    public func keep(_ session: Session, for key: ConnectionKey) { kept = (key, session) }

    /// Ends the kept session (LOGOUT/QUIT) and forgets it.
    public func release() {
        if let kept { close(kept.session) }
        kept = nil
    }
}

extension ToolRunner {
    /// Runs each transfer in order, as curl does with several URLs: a failed one shows its error
    /// line and the next one still runs; the last transfer's result is the run's (its error is
    /// thrown). `isLast` tells the body whether another transfer follows (to keep its session).
    public func runTransfers(
        _ transfers: [Transfer], context: ToolContext,
        _ body: (_ transfer: Transfer, _ isLast: Bool) throws -> Void
    ) throws {
        for transfer in transfers {
            let isLast = transfer.index == transfers.count - 1
            do {
                try body(transfer, isLast)
            } catch  where !isLast {
                var output = OutputOptions()
                for option in transfer.parsed.options { _ = try? output.apply(option) }
                guard output.showsErrors else { continue }
                let message = ControlCharacterEscaping.escape(ExitCodeMapping.message(for: error))
                try? context.standardError.write("\(name): (\(exitStatus(error))) \(message)\n")
            }
        }
    }
}
