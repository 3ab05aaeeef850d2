/// What a FETCH asks for (RFC 3501 section 6.4.5).
//  fetch-att       = "ENVELOPE" / "FLAGS" / "INTERNALDATE" /
//                    "RFC822" [".HEADER" / ".SIZE" / ".TEXT"] /
//                    "BODY" ["STRUCTURE"] / "UID" /
//                    "BODY" section ["<" number "." nz-number ">"] /
//                    "BODY.PEEK" section ["<" number "." nz-number ">"]
public enum IMAPFetchItem: Equatable, Sendable, CustomStringConvertible {
    case uid
    case flags
    case internalDate
    case rfc822Size
    case envelope
    case bodyStructure
    /// `BODY[section]<partial>`, or `BODY.PEEK[...]` when `peek` (which leaves `\Seen` alone).
    case body(IMAPSection, partial: IMAPPartial?, peek: Bool)

    public var description: String {
        switch self {
        case .uid: return "UID"
        case .flags: return "FLAGS"
        case .internalDate: return "INTERNALDATE"
        case .rfc822Size: return "RFC822.SIZE"
        case .envelope: return "ENVELOPE"
        case .bodyStructure: return "BODYSTRUCTURE"
        case .body(let section, let partial, let peek):
            return (peek ? "BODY.PEEK[" : "BODY[") + section.description + "]" + (partial.map { "<\($0)>" } ?? "")
        }
    }
}

/// A byte range of a body section: `<start.length>` in a FETCH, `;PARTIAL=start.length` in a
/// URL (RFC 5092). The server answers with the origin only (`BODY[]<0>`).
//  partial-range   = number ["." nz-number]        ; RFC 5092 (the length is required here,
//                                                  ; as RFC 3501's fetch-att requires it)
public struct IMAPPartial: Equatable, Sendable, CustomStringConvertible {
    public let start: UInt32
    public let length: UInt32

    /// - Precondition: `length` is not 0.
    public init(start: UInt32, length: UInt32) {
        precondition(length != 0, "a partial fetch needs a length")
        self.start = start
        self.length = length
    }

    /// Parses `start.length`; nil unless both are 32-bit numbers and the length is not 0.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(\.isASCIIDigit) }),
            let start = UInt32(parts[0]), let length = UInt32(parts[1]), length != 0
        else { return nil }
        self.init(start: start, length: length)
    }

    public var description: String { "\(start).\(length)" }
}
