import Transport
import TransportFakes

@testable import IMAP

/// Collects streamed pieces, remembering how large each was.
final class CollectingSink: IMAPLiteralSink {
    private(set) var bytes: [UInt8] = []
    private(set) var pieceSizes: [Int] = []
    var failAfter: Int?

    struct Full: Error {}

    func write(_ piece: UnsafeRawBufferPointer) throws {
        if let failAfter, bytes.count + piece.count > failAfter { throw Full() }
        bytes.append(contentsOf: piece)
        pieceSizes.append(piece.count)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

/// Parses `text` (CR LF line ends, literals inline as on the wire) as one response.
func parse(_ text: String, limits: IMAPLimits = .default) throws -> IMAPResponse {
    try IMAPResponseReader(stream: ByteStream(transport: ScriptedServer(text)), trace: SilentTrace(), limits: limits)
        .read().response
}

/// Parses `text` as an untagged response.
func parseUntagged(_ text: String) throws -> IMAPUntaggedResponse? {
    if case .untagged(let untagged) = try parse(text) { return untagged }
    return nil
}

/// The kind of `IMAPError` thrown by `body`, nil when something else or nothing was thrown.
func imapErrorKind(_ body: () throws -> Void) -> IMAPError.Kind? {
    do {
        try body()
        return nil
    } catch let error as IMAPError {
        return error.kind
    } catch {
        return nil
    }
}
