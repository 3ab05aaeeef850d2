import MailStore

/// IMAP: the mailbox's UIDVALIDITY and the highest UID below which everything is saved.
///
/// UIDVALIDITY change (RFC 9051 2.3.1.1): the recorded UIDs mean nothing any more. The pull
/// re-synchronises by content (`IMAPPullMachine`): it fetches the whole mailbox again and drops
/// every message whose `MessageFingerprint` is already on disk. A message with neither
/// Message-ID nor Date and From has no fingerprint and is downloaded again: a possible
/// duplicate is preferred to a possible loss. An interrupted re-sync leaves the old
/// UIDVALIDITY recorded, so the next run re-synchronises again and skips what it saved.
public struct IMAPSyncState: Sendable, Equatable {
    /// Non-zero (RFC 9051: `nz-number`).
    public var uidValidity: UInt32
    /// 0 when nothing is saved yet. Every message with a lower or equal UID that the server
    /// listed is saved (see `UIDWatermark`).
    public var highestSavedUID: UInt32
    /// The mailbox's name as the server spells it (modified UTF-7 bytes): a watermark of one
    /// mailbox must never be applied to another, whose UIDVALIDITY may happen to be equal
    /// (Dovecot derives it from the creation time). Nil in states that did not record it.
    public var mailbox: [UInt8]?

    public init(uidValidity: UInt32, highestSavedUID: UInt32 = 0, mailbox: [UInt8]? = nil) {
        self.uidValidity = uidValidity
        self.highestSavedUID = highestSavedUID
        self.mailbox = mailbox
    }

    /// The state file's lines (`SyncRecord`).
    var lines: [String] {
        var lines = ["imap-uidvalidity \(uidValidity)", "imap-highest-uid \(highestSavedUID)"]
        if let mailbox, !mailbox.isEmpty { lines.append("imap-mailbox " + Hex.encode(mailbox)) }
        return lines
    }

    /// Reads the lines if the next one is IMAP's; nil if it is not.
    init?(reading reader: inout SyncStateReader) throws(MailStoreError) {
        guard let value = try reader.value(of: "imap-uidvalidity") else { return nil }
        let validity = try reader.number(value, max: UInt64(UInt32.max))
        guard validity > 0 else { throw reader.error("UIDVALIDITY 0") }
        guard let highest = try reader.value(of: "imap-highest-uid") else {
            throw reader.error("imap-highest-uid expected")
        }
        self.init(
            uidValidity: UInt32(validity), highestSavedUID: UInt32(try reader.number(highest, max: UInt64(UInt32.max))))
        if let text = try reader.value(of: "imap-mailbox") {
            guard let bytes = Hex.decode(text), !bytes.isEmpty else { throw reader.error("invalid imap-mailbox") }
            mailbox = bytes
        }
    }
}

/// Lower-case hexadecimal, as the state file spells a mailbox's wire name.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var i = 0
        while i < characters.count {
            guard let high = digits.firstIndex(of: characters[i]), let low = digits.firstIndex(of: characters[i + 1])
            else { return nil }
            bytes.append(UInt8(high << 4 | low))
            i += 2
        }
        return bytes
    }
}
