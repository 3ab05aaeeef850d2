#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file's lines through a fixed buffer, with bounded memory whatever the file holds:
/// a line longer than the buffer is returned cut to the buffer's size, its rest skipped.
/// Lines are returned without their LF.
struct FileLineReader {
    private let file: FileDescriptor
    private let length: Int64
    private var position: Int64 = 0
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var skippingRestOfLine = false

    init(file: FileDescriptor, length: Int64, bufferSize: Int = 64 * 1024) {
        self.file = file
        self.length = length
        self.buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    mutating func next() throws(MailStoreError) -> ArraySlice<UInt8>? {
        while true {
            if let lf = buffer[start..<end].firstIndex(of: .lf) {
                let line = buffer[start..<lf]
                start = lf + 1
                if skippingRestOfLine {
                    skippingRestOfLine = false
                    continue
                }
                return line
            }
            if end - start == buffer.count {
                // A line as long as the buffer: return what fits, drop the rest.
                let line = buffer[start..<end]
                start = end
                if skippingRestOfLine { continue }
                skippingRestOfLine = true
                return line
            }
            if try fill() == 0 {
                guard start < end else { return nil }
                let line = buffer[start..<end]
                start = end
                if skippingRestOfLine { return nil }
                return line
            }
        }
    }

    private mutating func fill() throws(MailStoreError) -> Int {
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
            end -= start
            start = 0
        }
        let wanted = min(Int64(buffer.count - end), length - position)
        guard wanted > 0 else { return 0 }
        let filled = end
        let count = try buffer.withMutableBytes { (raw) throws(MailStoreError) in
            try file.read(
                into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<(filled + Int(wanted))]), at: position)
        }
        position += Int64(count)
        end += count
        return count
    }
}
