#if canImport(Glibc)
    import Glibc
#endif

/// An open upload body for one request: bytes, or a file read in bounded chunks so memory does
/// not grow with the file (DESIGN.md rule 6).
final class UploadSource {
    static let chunkSize = 64 * 1024

    private enum Origin {
        case bytes([UInt8])
        case descriptor(Int32, owned: Bool, name: String)
    }

    private let origin: Origin
    let length: HTTPRequestHead.BodyLength
    let contentType: String?
    /// False for streams that cannot be read a second time (stdin, FIFOs).
    let isReplayable: Bool

    /// Opens `body` for sending.
    /// - Throws: `HTTPError(.uploadRead)` (curl 26) when the file cannot be opened or examined.
    init(_ body: HTTPRequestBody) throws {
        switch body {
        case .bytes(let bytes, let contentType):
            origin = .bytes(bytes)
            length = .length(Int64(bytes.count))
            self.contentType = contentType
            isReplayable = true
        case .file(let path):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw UploadSource.error("Can't open '\(path)'") }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let error = UploadSource.error("Can't open '\(path)'")
                _ = close(fd)
                throw error
            }
            let isRegular = info.st_mode & S_IFMT == S_IFREG
            origin = .descriptor(fd, owned: true, name: path)
            length = isRegular ? .length(Int64(info.st_size)) : .chunked
            contentType = nil
            isReplayable = isRegular
        case .fileDescriptor(let fd):
            origin = .descriptor(fd, owned: false, name: "stdin")
            length = .chunked
            contentType = nil
            isReplayable = false
        }
    }

    deinit {
        if case .descriptor(let fd, true, _) = origin { _ = close(fd) }
    }

    /// Writes the body to `write` in pieces of at most `chunkSize` bytes, framed as chunks when
    /// the length is unknown.
    /// - Throws: `.uploadRead` when reading fails or a file ends before its announced size.
    func send(_ write: (ArraySlice<UInt8>) throws -> Void) throws {
        switch origin {
        case .bytes(let bytes):
            try write(bytes[...])
        case .descriptor(let fd, _, let name):
            var buffer = [UInt8](repeating: 0, count: UploadSource.chunkSize)
            if case .length(let total) = length {
                var remaining = total
                while remaining > 0 {
                    let n = try readSome(fd, into: &buffer, max: Int(min(remaining, Int64(buffer.count))), name: name)
                    guard n > 0 else {
                        throw HTTPError(
                            .uploadRead, "Failed to read '\(name)': it ended \(remaining) bytes before its size")
                    }
                    try write(buffer[..<n])
                    remaining -= Int64(n)
                }
            } else {
                //  chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF ; last-chunk = "0" CRLF, then CRLF
                while true {
                    let n = try readSome(fd, into: &buffer, max: buffer.count, name: name)
                    if n == 0 { break }
                    try write(ArraySlice(String(n, radix: 16, uppercase: true).utf8) + [0x0D, 0x0A])
                    try write(buffer[..<n])
                    try write([0x0D, 0x0A])
                }
                try write(ArraySlice("0\r\n\r\n".utf8))
            }
        }
    }

    private func readSome(_ fd: Int32, into buffer: inout [UInt8], max: Int, name: String) throws -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, max) }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw UploadSource.error("Failed to read '\(name)'")
        }
    }

    private static func error(_ prefix: String) -> HTTPError {
        HTTPError(.uploadRead, prefix + ": " + String(cString: strerror(errno)))
    }
}
