import CLI
import MIME
import SMTP

#if canImport(Glibc)
    import Glibc
#endif

/// A message composed from `-F` parts (curl's mail MIME): the `-H` fields on top, then
/// `MIMEComposer`'s segments, files read and encoded while the message is sent.
enum MIMEFormMessage {
    static func make(forms: [String], fields: [MIMEHeaderField]) throws -> ComposedMessage {
        var arguments = try forms.map { try FormPartArgument(parsing: $0) }
        for index in arguments.indices {
            for path in arguments[index].headerFiles {
                arguments[index].headers += try MIMEHeaderField.fields(inFile: try readHeaderFile(path))
            }
        }
        let root = try FormPartList.entity(arguments)
        try checkFilesReadable(root)
        var composer = MIMEComposer(generator: SystemRandomNumberGenerator()) { path, boundary in
            try fileContains(path, boundary)
        }
        let segments = try composer.compose(root, fields: fields)
        let eightBit = has8BitIdentityPart(root) ? MailParameters.EightBitContent.unknown : .none
        return ComposedMessage(source: MIMEMessageSource(segments), size: nil, eightBit: eightBit)
    }

    /// Header files are small: more than this is not a header file (curl 26, READ_ERROR).
    static let maxHeaderFileSize = 64 * 1024

    private static func readHeaderFile(_ path: String) throws -> String {
        let file = try FileMessageSource(path: path, standardInput: -1)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            if n == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes += buffer[0..<n]
            guard bytes.count <= maxHeaderFileSize else {
                throw MessageReadError("The header file \(path) is over \(maxHeaderFileSize / 1024) KiB")
            }
        }
    }

    /// Every file is opened before connecting: a missing one is curl's 26 with nothing sent.
    private static func checkFilesReadable(_ entity: MIMEEntity) throws {
        switch entity.body {
        case .text: break
        case .file(let path): _ = try FileMessageSource(path: path, standardInput: -1)
        case .multipart(_, let parts): for part in parts { try checkFilesReadable(part) }
        }
    }

    private static func has8BitIdentityPart(_ entity: MIMEEntity) -> Bool {
        switch entity.body {
        case .text(let bytes):
            (entity.encoding == .eightBit || entity.encoding == .binary) && bytes.contains { $0 >= 0x80 }
        case .file: entity.encoding == .eightBit || entity.encoding == .binary
        case .multipart(_, let parts): parts.contains(where: has8BitIdentityPart)
        }
    }

    private static func fileContains(_ path: String, _ boundary: MIMEBoundary) throws -> Bool {
        let file = try FileMessageSource(path: path, standardInput: -1)
        var scanner = BoundaryScanner(boundary)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            if n == 0 || scanner.found { return scanner.found }
            scanner.scan(buffer[0..<n])
        }
    }
}

/// Reads the composed segments in order, encoding each file as it is read.
final class MIMEMessageSource: MessageSource {
    private var segments: ArraySlice<MIMESegment>
    private var pending: [UInt8] = []
    private var offset = 0
    private var file: (source: FileMessageSource, encoder: MIMETransferEncoder)?
    private var chunk = [UInt8](repeating: 0, count: 48 * 1024)

    init(_ segments: [MIMESegment]) { self.segments = segments[...] }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while offset == pending.count {
            guard try refill() else { return 0 }
        }
        let count = min(buffer.count, pending.count - offset)
        buffer.copyBytes(from: pending[offset..<(offset + count)])
        offset += count
        return count
    }

    /// Puts the next bytes in `pending`; false at the end of the message.
    private func refill() throws -> Bool {
        pending.removeAll(keepingCapacity: true)
        offset = 0
        if case (let source, var encoder)? = file {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 {
                encoder.finish(into: &pending)
                file = nil
            } else {
                try encoder.encode(chunk[0..<n], into: &pending)
                file = (source, encoder)
            }
            return true
        }
        guard let next = segments.popFirst() else { return false }
        switch next {
        case .bytes(let bytes): pending = bytes
        case .file(let path, let encoding):
            file = (try FileMessageSource(path: path, standardInput: -1), MIMETransferEncoder(encoding))
        }
        return true
    }
}
