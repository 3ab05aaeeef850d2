/// When the server received a message (RFC 3501 section 2.3.3), as INTERNALDATE gives it.
//  date-time       = DQUOTE date-day-fixed "-" date-month "-" date-year
//                    SP time SP zone DQUOTE
//  date-day-fixed  = (SP DIGIT) / 2DIGIT
//  date-month      = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" /
//                    "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
//  date-year       = 4DIGIT
//  time            = 2DIGIT ":" 2DIGIT ":" 2DIGIT
//  zone            = ("+" / "-") 4DIGIT
public struct IMAPInternalDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1 to 12.
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// East of UTC, in minutes (`-0130` is -90).
    public let zoneMinutes: Int

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// Each name's bytes OR 0x20, as one number.
    static let monthKeys: [UInt32] = monthNames.map { name in name.utf8.reduce(0) { $0 << 8 | UInt32($1 | 0x20) } }

    /// Parses the text between the quotes; nil when it is not a date-time or names an impossible
    /// date (Feb 30, hour 24).
    public init?(_ text: some Collection<UInt8>) {
        let b = Array(text)
        guard b.count == 26, b[2] == .minus, b[6] == .minus, b[11] == .space, b[14] == .colon, b[17] == .colon,
            b[20] == .space, b[21] == .plus || b[21] == .minus
        else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i].isASCIIDigit else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        let dayValue: Int?
        if b[0] == .space { dayValue = digits(1..<2) } else { dayValue = digits(0..<2) }
        // Month names are ASCII letters: OR-ing 0x20 folds case and maps no other byte to a letter.
        // The three bytes are compared as one number with each month's.
        let monthKey = UInt32(b[3] | 0x20) << 16 | UInt32(b[4] | 0x20) << 8 | UInt32(b[5] | 0x20)
        guard let day = dayValue,
            let monthIndex = IMAPInternalDate.monthKeys.firstIndex(of: monthKey),
            let year = digits(7..<11), let hour = digits(12..<14), let minute = digits(15..<17),
            let second = digits(18..<20), let zoneHours = digits(22..<24), let zoneMins = digits(24..<26),
            hour < 24, minute < 60, second < 61, zoneMins < 60,
            day >= 1, day <= IMAPInternalDate.daysIn(month: monthIndex + 1, year: year)
        else { return nil }
        self.year = year
        self.month = monthIndex + 1
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.zoneMinutes = (b[21] == .minus ? -1 : 1) * (zoneHours * 60 + zoneMins)
    }

    /// Seconds since 1970-01-01 00:00:00 UTC (a leap second counts as the next second's start).
    public var secondsSince1970: Int64 {
        // Days from civil (proleptic Gregorian), shifted so the year starts in March.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(zoneMinutes * 60)
    }

    /// `29-Nov-2026 03:25:21 +0000`, as IMAP writes it (day padded with a space).
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let dayText = day < 10 ? " \(day)" : "\(day)"
        let zone = abs(zoneMinutes)
        return
            "\(dayText)-\(IMAPInternalDate.monthNames[month - 1])-\(year) \(two(hour)):\(two(minute)):\(two(second)) "
            + (zoneMinutes < 0 ? "-" : "+") + two(zone / 60) + two(zone % 60)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
