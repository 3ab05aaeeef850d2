/// Where the bytes of a message body literal go, chosen by the caller of
/// `IMAPResponseReader.read(bodyLiteral:)` when the literal is announced, before its first byte
/// is read.
public enum IMAPLiteralDestination {
    /// Kept in memory, up to `IMAPLimits.maxCollectedLiteralSize` (a larger one is an error):
    /// the response then carries `.bytes`.
    case collect
    /// Handed to `sink` as it arrives, in pieces of at most the stream's buffer size: memory does
    /// not grow with the literal. The response then carries `.streamed(size:)`.
    case stream(IMAPLiteralSink)
    /// Read and dropped: the response carries `.discarded(size:)`.
    case discard
}

/// Receives a streamed literal. If `write` throws, reading stops with that error in the middle
/// of the literal: the connection cannot be used any more.
public protocol IMAPLiteralSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A message body literal about to arrive: which message, which item, and what the response
/// said before it. A server may send the UID after the body (RFC 3501 does not order FETCH
/// items), so `uid` can be nil here and known only once the response is complete.
public struct IMAPFetchBodyContext: Equatable, Sendable {
    public let sequenceNumber: UInt32
    /// `BODY[]`, `BODY[TEXT]<0>`, `RFC822`...
    public let item: IMAPFetchBodyItem
    /// The attributes of the same response that came before this one.
    public let attributesBefore: [IMAPMessageAttribute]
    /// The announced size.
    public let size: UInt64

    public init(sequenceNumber: UInt32, item: IMAPFetchBodyItem, attributesBefore: [IMAPMessageAttribute], size: UInt64)
    {
        self.sequenceNumber = sequenceNumber
        self.item = item
        self.attributesBefore = attributesBefore
        self.size = size
    }

    /// The UID, when it came before the body.
    public var uid: UInt32? { IMAPFetchResponse(sequenceNumber: sequenceNumber, attributes: attributesBefore).uid }
}
