import Codec

/// A piece of a composed message: bytes ready to send, or a file whose content the sender
/// reads and encodes while sending (so memory does not grow with attachments).
public enum MIMESegment: Equatable, Sendable {
    case bytes([UInt8])
    case file(path: String, encoding: ContentTransferEncoding)
}

/// Writes a MIME message (RFC 2045, 2046): the top-level fields, `MIME-Version`, then the
/// entity tree with a boundary per multipart that occurs in no part sent as it is.
public struct MIMEComposer<Generator: RandomNumberGenerator> {
    /// Tries before giving up on finding a boundary absent from the content (each try has
    /// 62^24 possibilities; more than one is needed only for content made to collide).
    static var maxBoundaryTries: Int { 8 }

    private var generator: Generator
    private let fileContains: (String, MIMEBoundary) throws -> Bool
    private var identityTexts: [[UInt8]] = []
    private var identityFiles: [String] = []
    private var used: [MIMEBoundary] = []
    private var segments: [MIMESegment] = []

    /// - Parameter fileContains: whether the file at a path holds `--boundary` (the caller reads).
    public init(generator: Generator, fileContains: @escaping (String, MIMEBoundary) throws -> Bool) {
        self.generator = generator
        self.fileContains = fileContains
    }

    /// The message: `fields` (the user's `-H`), `MIME-Version: 1.0`, then `root`.
    public mutating func compose(_ root: MIMEEntity, fields: [MIMEHeaderField]) throws -> [MIMESegment] {
        collectIdentityContent(root)
        segments = []
        append(fields.flatMap { $0.encoded } + Array("MIME-Version: 1.0\r\n".utf8))
        try emit(root)
        append([.cr, .lf])
        return segments
    }

    private mutating func collectIdentityContent(_ entity: MIMEEntity) {
        switch entity.body {
        case .text(let bytes): if entity.encoding?.isIdentity == true { identityTexts.append(bytes) }
        case .file(let path): if entity.encoding?.isIdentity == true { identityFiles.append(path) }
        case .multipart(_, let parts): for part in parts { collectIdentityContent(part) }
        }
    }

    private mutating func emit(_ entity: MIMEEntity) throws {
        var lines: [String] = []
        switch entity.body {
        case .text, .file:
            lines.append("Content-Type: " + entity.contentType)
            if let name = entity.attachmentName {
                lines.append("Content-Disposition: attachment" + MIMEParameter.format("filename", name))
            }
            if let encoding = entity.encoding { lines.append("Content-Transfer-Encoding: " + encoding.rawValue) }
        case .multipart(let subtype, _):
            lines.append("Content-Type: " + (try newBoundary()).contentType(subtype))
        }
        append(Array(lines.map { $0 + "\r\n" }.joined().utf8) + entity.extraFields.flatMap { $0.encoded } + [.cr, .lf])
        switch entity.body {
        case .text(let bytes):
            append(try MIMETransferEncoder.encode(bytes, as: entity.encoding ?? .sevenBit))
        case .file(let path):
            segments.append(.file(path: path, encoding: entity.encoding ?? .base64))
        case .multipart(_, let parts):
            let boundary = used.last!
            for (index, part) in parts.enumerated() {
                append((index == 0 ? [] : [.cr, .lf]) + boundary.dashed + [.cr, .lf])
                try emit(part)
            }
            if parts.isEmpty { append(boundary.dashed + [.cr, .lf]) }
            append([.cr, .lf] + boundary.dashed + Array("--".utf8))
        }
    }

    /// A boundary that differs from the others and is in no part sent as it is.
    private mutating func newBoundary() throws -> MIMEBoundary {
        for _ in 0..<Self.maxBoundaryTries {
            let candidate = MIMEBoundary(using: &generator)
            if used.contains(candidate) { continue }
            if identityTexts.contains(where: { text in
                var scanner = BoundaryScanner(candidate)
                scanner.scan(text)
                return scanner.found
            }) {
                continue
            }
            if try identityFiles.contains(where: { try fileContains($0, candidate) }) { continue }
            used.append(candidate)
            return candidate
        }
        throw MIMEError(.badArgument, "No MIME boundary could be found that is absent from the content")
    }

    private mutating func append(_ bytes: [UInt8]) {
        if case .bytes(let previous) = segments.last {
            segments[segments.count - 1] = .bytes(previous + bytes)
        } else {
            segments.append(.bytes(bytes))
        }
    }
}
