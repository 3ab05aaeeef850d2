#if canImport(Glibc)
    import Glibc
#endif

/// The line that starts each message in an mbox: `From <sender> <date>`, the date in C's
/// asctime layout in UTC (`Thu Nov 24 18:22:48 1986`), which is what mail readers parse.
enum MboxSeparator {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func line(sender: String?, date: Int64) -> [UInt8] {
        Array("From \(senderField(sender)) \(asctime(date))\n".utf8)
    }

    /// The envelope sender without angle brackets; `MAILER-DAEMON` when unknown, empty (the
    /// null sender `<>`) or unusable in a space-separated line (space, control or non-ASCII).
    static func senderField(_ sender: String?) -> String {
        guard var address = sender else { return "MAILER-DAEMON" }
        if address.hasPrefix("<") && address.hasSuffix(">") && address.count >= 2 {
            address = String(address.dropFirst().dropLast())
        }
        guard !address.isEmpty, address.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else { return "MAILER-DAEMON" }
        return address
    }

    /// `Www Mmm dd hh:mm:ss yyyy`, the day of the month padded with a space as asctime does.
    static func asctime(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "Thu Jan  1 00:00:00 1970" }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = parts.tm_mday < 10 ? " \(parts.tm_mday)" : "\(parts.tm_mday)"
        return "\(days[Int(parts.tm_wday)]) \(months[Int(parts.tm_mon)]) \(day) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(parts.tm_year + 1900)"
    }
}
