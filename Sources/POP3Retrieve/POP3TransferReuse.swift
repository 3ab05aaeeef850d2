import CLI
import POP3

/// A transfer of `pop3-retrieve`.
typealias POP3TransferReuse = TransferReuse<POP3Session>

extension TransferReuse where Session == POP3Session {
    init(transfer: Transfer, sessions: SessionReuse<POP3Session>, keepOpen: Bool) {
        self.init(
            transfer: transfer, sessions: sessions, keepOpen: keepOpen,
            requestOptions: ["output", "request", "list-only", "head"])
    }
}
