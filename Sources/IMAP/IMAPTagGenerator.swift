/// Command tags: `A001`, `A002`, ... `A999`, `A1000`..., as curl numbers them (RFC 3501 2.2.1:
/// a fresh tag per command).
//  tag             = 1*<any ASTRING-CHAR except "+">
public struct IMAPTagGenerator: Sendable {
    public let prefix: String
    private var counter = 0

    /// - Precondition: `prefix` is a non-empty run of letters (a programming error otherwise).
    public init(prefix: String = "A") {
        precondition(!prefix.isEmpty && prefix.utf8.allSatisfy(\.isASCIILetter), "tag prefix must be letters")
        self.prefix = prefix
    }

    public mutating func next() -> String {
        counter += 1
        let digits = String(counter)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
