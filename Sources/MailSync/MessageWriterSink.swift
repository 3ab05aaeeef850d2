import IMAP
import MailStore
import POP3

/// Feeds a message streaming from the server (an IMAP literal, a POP3 body) into a store
/// writer, counting its bytes and, when a fingerprint is needed (IMAP's UIDVALIDITY re-sync),
/// keeping the first bytes of its header.
final class MessageWriterSink: IMAPLiteralSink, POP3BodySink {
    let writer: any MessageWriter
    private let keepHeader: Bool
    private(set) var header: [UInt8] = []
    private(set) var byteCount: Int64 = 0
    static let headerLimit = 64 * 1024

    init(_ writer: any MessageWriter, keepHeader: Bool = false) {
        self.writer = writer
        self.keepHeader = keepHeader
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if keepHeader && header.count < Self.headerLimit {
            header += bytes.prefix(Self.headerLimit - header.count)
        }
        byteCount += Int64(bytes.count)
        try writer.write(bytes)
    }
}
