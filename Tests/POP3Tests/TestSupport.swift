import Transport
import TransportFakes

@testable import POP3

/// Collects streamed pieces, remembering how large each was.
final class CollectingSink: POP3BodySink {
    private(set) var bytes: [UInt8] = []
    private(set) var pieceSizes: [Int] = []

    func write(_ piece: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: piece)
        pieceSizes.append(piece.count)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Counts bytes without keeping them (large messages).
final class CountingSink: POP3BodySink {
    private(set) var count = 0
    private(set) var largestPiece = 0

    func write(_ piece: UnsafeRawBufferPointer) throws {
        count += piece.count
        largestPiece = max(largestPiece, piece.count)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

func stream(_ text: String, cuts: [Int] = [], chunkSize: Int = 4096, bufferSize: Int = 64 * 1024) -> ByteStream {
    ByteStream(transport: ScriptedServer(text, cuts: cuts, chunkSize: chunkSize), bufferSize: bufferSize)
}

/// The kind of `POP3Error` thrown by `body`, nil when something else or nothing was thrown.
func pop3ErrorKind(_ body: () throws -> Void) -> POP3Error.Kind? {
    do {
        try body()
        return nil
    } catch let error as POP3Error {
        return error.kind
    } catch {
        return nil
    }
}
