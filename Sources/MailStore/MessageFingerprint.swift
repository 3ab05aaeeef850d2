/// What identifies a message independently of the server's ids for it, for re-synchronising
/// without duplicating after the server renumbered a mailbox: its Message-ID, or, for a
/// message without one, its Date, From and Subject together.
///
/// Both sides are computed by this type from header bytes: the messages on disk
/// (`MessageStore.fingerprints()`) and the headers of the messages the server sends. Values are compared after
/// unfolding and collapsing white space, so CR LF against LF and refolding do not matter.
public struct MessageFingerprint: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// From a message's header section (anything after its first empty line is ignored);
    /// nil when it has neither a Message-ID nor both Date and From.
    public init?(header: some Collection<UInt8>) {
        var collector = HeaderFieldCollector()
        for line in Array(header).split(separator: .lf, omittingEmptySubsequences: false) where !collector.add(line) {
            break
        }
        self.init(collector)
    }

    init?(_ collector: HeaderFieldCollector) {
        var collector = collector
        collector.finish()
        let fields = collector.fields
        if let id = fields["message-id"], !id.isEmpty {
            if let open = id.firstIndex(of: "<"), let close = id[open...].firstIndex(of: ">") {
                value = "message-id " + id[open...close]
            } else {
                value = "message-id " + id
            }
        } else if let date = fields["date"], let from = fields["from"], !date.isEmpty, !from.isEmpty {
            value = "date-from-subject " + date + "\n" + from + "\n" + (fields["subject"] ?? "")
        } else {
            return nil
        }
    }

    public var description: String { value }
}
