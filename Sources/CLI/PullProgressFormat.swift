/// The text of a mailbox pull's progress line and of its summary line. Pure: tests compare
/// strings.
///
///     INBOX: 1,200 of 4,000 messages, 11.0 of 39.1 MiB, 42.6 MiB/s
///     INBOX: 3 new messages, 41 KiB
///     INBOX: nothing new
package enum PullProgressFormat {
    /// What is known at one moment of a pull; totals are nil when the server was not asked.
    package struct Snapshot: Equatable, Sendable {
        package var messages = 0
        package var bytes: Int64 = 0
        package var totalMessages: Int?
        package var totalBytes: Int64?
        package init(messages: Int = 0, bytes: Int64 = 0, totalMessages: Int? = nil, totalBytes: Int64? = nil) {
            self.messages = messages
            self.bytes = bytes
            self.totalMessages = totalMessages
            self.totalBytes = totalBytes
        }
    }

    /// The progress line; the rate is bytes per second over `seconds`.
    package static func progress(mailbox: String, _ snapshot: Snapshot, seconds: Double) -> String {
        let count = grouped(snapshot.messages) + (snapshot.totalMessages.map { " of " + grouped($0) } ?? "")
        let noun = (snapshot.totalMessages ?? snapshot.messages) == 1 ? "message" : "messages"
        let size = mebibytes(snapshot.bytes) + (snapshot.totalBytes.map { " of " + mebibytes($0) } ?? "")
        let rate = mebibytes(Int64(Double(snapshot.bytes) / max(seconds, 0.001)))
        return "\(mailbox): \(count) \(noun), \(size) MiB, \(rate) MiB/s"
    }

    /// The line printed when a mailbox is done.
    package static func summary(mailbox: String, messages: Int, bytes: Int64, deleted: Int = 0) -> String {
        var text =
            messages == 0
            ? "\(mailbox): nothing new"
            : "\(mailbox): \(grouped(messages)) new message\(messages == 1 ? "" : "s"), \(size(bytes))"
        if deleted > 0 { text += ", \(grouped(deleted)) deleted on the server" }
        return text
    }

    /// The message after Ctrl-C; what is saved is recorded, so the next run goes on from there.
    package static func interrupted(saved: Int) -> String {
        "interrupted: \(grouped(saved)) message\(saved == 1 ? "" : "s") saved, the rest will be fetched next time"
    }

    /// 1234567 → "1,234,567".
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// Bytes as MiB with one decimal, grouped: 41_000_000 → "39.1".
    package static func mebibytes(_ bytes: Int64) -> String {
        let tenths = (Double(bytes) / 104_857.6).rounded()
        let whole = Int(tenths / 10)
        return "\(grouped(whole)).\(Int(tenths) - whole * 10)"
    }

    /// A size for the summary: "512 bytes", "41 KiB", "39.1 MiB", "2.3 GiB".
    package static func size(_ bytes: Int64) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) byte\(bytes == 1 ? "" : "s")"
        case ..<(1024 * 1024): return "\(Int((Double(bytes) / 1024).rounded())) KiB"
        case ..<(1024 * 1024 * 1024): return mebibytes(bytes) + " MiB"
        default: return mebibytes(bytes / 1024) + " GiB"
        }
    }
}
