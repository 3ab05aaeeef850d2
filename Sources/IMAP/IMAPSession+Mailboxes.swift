import Transport

extension IMAPSession {
    // MARK: Mailboxes

    /// What SELECT or EXAMINE reported.
    public struct SelectedMailbox: Equatable, Sendable {
        public var exists: UInt32 = 0
        public var uidValidity: UInt32?
        public var uidNext: UInt32?
    }

    /// Opens a mailbox: SELECT (read-write, needed to delete) or EXAMINE (read-only).
    public func select(_ mailbox: IMAPMailboxName, readOnly: Bool) throws -> SelectedMailbox {
        var selected = SelectedMailbox()
        try run(readOnly ? .examine(mailbox) : .select(mailbox)) { response, _ in
            switch response {
            case .exists(let count): selected.exists = count
            case .condition(.ok, let text):
                switch text.code {
                case .uidValidity(let value)?: selected.uidValidity = value
                case .uidNext(let value)?: selected.uidNext = value
                default: break
                }
            default: break
            }
        }
        return selected
    }

    /// Every mailbox the account lists (`LIST "" *`).
    public func listMailboxes() throws -> [IMAPListEntry] {
        var entries: [IMAPListEntry] = []
        try run(try .list(reference: nil)) { response, _ in
            if case .list(let entry) = response { entries.append(entry) }
        }
        return entries
    }

    /// Runs a command and hands each untagged response's raw lines to `output`.
    public func runPrinting(
        _ command: IMAPCommand, show: (IMAPResponseFrame) -> Bool,
        output: ([UInt8]) throws -> Void
    ) throws {
        try run(command) { _, frame in
            if show(frame) { try output(frame.customCommandOutput) }
        }
    }

    /// `UID SEARCH`/`SEARCH`: the matching numbers.
    public func search(_ command: IMAPCommand) throws -> [UInt32] {
        var found: [UInt32] = []
        try run(command) { response, _ in
            if case .search(let numbers) = response { found += numbers }
        }
        return found
    }

    /// Fetches one message (or section) and streams its body to `sink`. Fails with curl 78
    /// when the server answers OK but sends no such message.
    public func fetchBody(_ command: IMAPCommand, into sink: IMAPLiteralSink) throws {
        var delivered = false
        let tag = try send(command)
        try complete(
            tag, stage: command.stage,
            bodyLiteral: { _ in
                delivered = true
                return .stream(sink)
            }
        ) { response, _ in
            guard case .fetch(let fetch) = response, !delivered else { return }
            // A body sent as a quoted string or NIL is not streamed: write it here.
            for (_, data) in fetch.bodies {
                if case .bytes(let bytes) = data {
                    try bytes.withUnsafeBytes { try sink.write($0) }
                    delivered = true
                }
            }
        }
        guard delivered else {
            throw IMAPError(
                .rejected(
                    command.stage,
                    IMAPTaggedResponse(tag: tag, status: .no, text: IMAPResponseText(text: "no such message"))),
                "FETCH failed: no such message")
        }
    }
}
