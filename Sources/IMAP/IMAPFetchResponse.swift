/// One `* n FETCH (...)` response: a message's sequence number and the attributes sent.
//  message-data    = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
//  msg-att         = "(" (msg-att-dynamic / msg-att-static)
//                     *(SP (msg-att-dynamic / msg-att-static)) ")"
public struct IMAPFetchResponse: Equatable, Sendable {
    public var sequenceNumber: UInt32
    /// In the order sent.
    public var attributes: [IMAPMessageAttribute]

    public init(sequenceNumber: UInt32, attributes: [IMAPMessageAttribute]) {
        self.sequenceNumber = sequenceNumber
        self.attributes = attributes
    }

    public var uid: UInt32? { attributes.lazy.compactMap { if case .uid(let v) = $0 { v } else { nil } }.first }
    public var flags: [IMAPFlag]? { attributes.lazy.compactMap { if case .flags(let v) = $0 { v } else { nil } }.first }
    public var rfc822Size: UInt64? {
        attributes.lazy.compactMap { if case .rfc822Size(let v) = $0 { v } else { nil } }.first
    }
    public var internalDate: IMAPInternalDate? {
        attributes.lazy.compactMap { if case .internalDate(let v) = $0 { v } else { nil } }.first
    }

    /// Every body section sent, in order.
    public var bodies: [(item: IMAPFetchBodyItem, data: IMAPBodyData)] {
        attributes.compactMap { if case .body(let item, let data) = $0 { (item, data) } else { nil } }
    }

    /// The data of the body section `item` (e.g. `IMAPFetchBodyItem.body()` for `BODY[]`).
    public func body(_ item: IMAPFetchBodyItem) -> IMAPBodyData? {
        bodies.first { $0.item == item }?.data
    }
}

/// One attribute of a FETCH response.
//  msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"
//  msg-att-static  = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time /
//                    "RFC822" [".HEADER" / ".TEXT"] SP nstring /
//                    "RFC822.SIZE" SP number /
//                    "BODY" ["STRUCTURE"] SP body /
//                    "BODY" section ["<" number ">"] SP nstring /
//                    "UID" SP uniqueid
//  "BINARY" section-binary ["<" number ">"] SP (nstring / literal8)     ; RFC 3516
public enum IMAPMessageAttribute: Equatable, Sendable {
    case uid(UInt32)
    case flags([IMAPFlag])
    /// Accepts 63-bit sizes (RFC 9051's number64).
    case rfc822Size(UInt64)
    case internalDate(IMAPInternalDate)
    /// BODY[section]<origin>, BINARY[...], RFC822, RFC822.HEADER, RFC822.TEXT.
    case body(IMAPFetchBodyItem, IMAPBodyData)
    /// Anything else (ENVELOPE, BODYSTRUCTURE, BODY without section, MODSEQ, extensions):
    /// its name in upper case and its value as a generic datum.
    case other(String, IMAPDatum)
}

/// Where a body section's bytes are: in the response, or already handed to a sink.
//  nstring         = string / nil
public enum IMAPBodyData: Equatable, Sendable {
    /// NIL: the section does not exist.
    case null
    /// A quoted string or a collected literal.
    case bytes([UInt8])
    /// A literal that went to the `IMAPLiteralSink` the caller chose, `size` bytes.
    case streamed(size: UInt64)
    /// A literal read and dropped.
    case discarded(size: UInt64)
}

/// A body item's name in a FETCH: which part, and for a partial fetch where it starts.
public struct IMAPFetchBodyItem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// `BODY[section]`
        case body
        /// `BINARY[section]` (RFC 3516)
        case binary
        /// `RFC822`: the whole message, as `BODY[]`.
        case rfc822
        /// `RFC822.HEADER`, as `BODY[HEADER]`.
        case rfc822Header
        /// `RFC822.TEXT`, as `BODY[TEXT]`.
        case rfc822Text
    }

    public var kind: Kind
    /// Empty for the RFC822 forms.
    public var section: IMAPSection
    /// The origin of a partial fetch as the server reports it (`BODY[]<0>`): responses carry the
    /// start only.
    public var origin: UInt32?

    public init(kind: Kind, section: IMAPSection = IMAPSection(), origin: UInt32? = nil) {
        self.kind = kind
        self.section = section
        self.origin = origin
    }

    /// `BODY[section]<origin>`.
    public static func body(_ section: IMAPSection = IMAPSection(), origin: UInt32? = nil) -> IMAPFetchBodyItem {
        IMAPFetchBodyItem(kind: .body, section: section, origin: origin)
    }

    public var description: String {
        let originText = origin.map { "<\($0)>" } ?? ""
        switch kind {
        case .body: return "BODY[\(section)]" + originText
        case .binary: return "BINARY[\(section)]" + originText
        case .rfc822: return "RFC822"
        case .rfc822Header: return "RFC822.HEADER"
        case .rfc822Text: return "RFC822.TEXT"
        }
    }
}
