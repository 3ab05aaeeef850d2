/// An enhanced mail system status code (RFC 3463), such as `5.7.1`, which servers offering
/// ENHANCEDSTATUSCODES (RFC 2034) put at the start of each reply line's text.
public struct EnhancedStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public let statusClass: Int
    public let subject: Int
    public let detail: Int

    public init(statusClass: Int, subject: Int, detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(statusClass).\(subject).\(detail)" }

    /// Reads the code at the start of a reply line's text. RFC 2034 section 4 puts it first,
    /// followed by SP, and requires its class to match the first digit of the reply code; text
    /// that does not start that way has no enhanced code (nil), which is not an error.
    /// Returns the code and how many bytes it spans (without the SP after it).
    //  status-code = class "." subject "." detail
    //  class       = "2" / "4" / "5"
    //  subject     = 1*3digit
    //  detail      = 1*3digit
    //  (RFC 2034: reply text = status-code SP text; the class equals the reply code's class.)
    static func parse(prefixOf text: ArraySlice<UInt8>, replyCode: Int) -> (EnhancedStatusCode, Int)? {
        var i = text.startIndex
        func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while i < text.endIndex, text[i].isASCIIDigit, digits < maxDigits {
                value = value * 10 + Int(text[i] - 0x30)
                digits += 1
                i += 1
            }
            return digits == 0 ? nil : value
        }
        func dot() -> Bool {
            guard i < text.endIndex, text[i] == UInt8(ascii: ".") else { return false }
            i += 1
            return true
        }
        guard let statusClass = number(maxDigits: 1), statusClass == replyCode / 100,
            [2, 4, 5].contains(statusClass), dot(),
            let subject = number(maxDigits: 3), dot(),
            let detail = number(maxDigits: 3),
            i == text.endIndex || text[i] == .space
        else { return nil }
        return (EnhancedStatusCode(statusClass: statusClass, subject: subject, detail: detail), i - text.startIndex)
    }
}
