/// What identifies a message independently of IMAP UIDs, for re-synchronising after a
/// UIDVALIDITY change without duplicating (see `IMAPSyncState`): its Message-ID, or, for a
/// message without one, its Date, From and Subject together.
///
/// Both sides are computed by this type from header bytes: the messages on disk
/// (`MessageStore.fingerprints()`) and the server's answer to
/// `BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)]`. Values are compared after
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

/// Keeps the first Message-ID, Date, From and Subject fields of a header fed line by line
/// (RFC 5322 2.2: `name: value`, continued on lines starting with white space). Memory: those
/// four values, each cut at 4 KiB, whatever the header's size.
struct HeaderFieldCollector {
    private static let wanted: Set<String> = ["message-id", "date", "from", "subject"]
    private static let maxValueSize = 4096

    private(set) var fields: [String: String] = [:]
    private var name: String?
    private var value: [UInt8] = []

    /// Takes one line without its LF (a trailing CR is ignored). Returns false at the empty
    /// line that ends the header.
    mutating func add(_ rawLine: ArraySlice<UInt8>) -> Bool {
        let line = rawLine.last == .cr ? rawLine.dropLast() : rawLine
        if line.isEmpty {
            finish()
            return false
        }
        if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
            if name != nil { append(line) }
            return true
        }
        finish()
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let fieldName = String(decoding: line[..<colon], as: UTF8.self)
            .trimmingCharacters(in: [" ", "\t"]).lowercased()
        if Self.wanted.contains(fieldName) && fields[fieldName] == nil {
            name = fieldName
            append(line[line.index(after: colon)...])
        }
        return true
    }

    /// Ends the field being collected.
    mutating func finish() {
        if let name {
            let words = value.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == .cr })
            fields[name] = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        }
        name = nil
        value = []
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        value.append(UInt8(ascii: " "))
        value += bytes.prefix(max(0, Self.maxValueSize - value.count))
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: set.contains).reversed().drop(while: set.contains).reversed())
    }
}
