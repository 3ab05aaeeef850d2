#if canImport(Glibc)
    import Glibc
#endif

/// Turns CR LF into LF while a message streams through in pieces split anywhere.
///
/// Mail servers deliver messages with CR LF line endings; Maildir and mbox files on Unix hold
/// them with LF, which is what mail readers (mutt, Dovecot, Python's `mailbox`) expect and what
/// mbox `From ` detection needs. A CR not followed by LF is message content and stays. The
/// conversion is a store option (`StoreOptions.convertLineEndings`, on by default); turned off,
/// files hold the server's bytes exactly.
///
/// Memory: one bit of state (the last piece ended with CR); output is never longer than input
/// plus that one held-back CR.
public struct LineEndingConverter: Sendable {
    private var heldCR = false

    public init() {}

    /// Appends the converted form of `input` to `output`.
    public mutating func convert(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard input.count > 0 else { return }
        let from = output.count
        output.append(contentsOf: repeatElement(0, count: input.count + 1))
        let written = output.withUnsafeMutableBytes { raw in convert(input, to: raw.baseAddress! + from) }
        output.removeLast(input.count + 1 - written)
    }

    /// Writes the converted form of `input` at `destination`, which has room for
    /// `input.count + 1` bytes (a CR held back from the last piece may go first), and returns
    /// the count written. Each line's bytes are copied once, the CR of its CR LF left out: the
    /// cost is one `memchr` and one `memcpy` per line, not a test per byte.
    public mutating func convert(_ input: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer) -> Int {
        guard let base = input.baseAddress, input.count > 0 else { return 0 }
        let end = input.count
        var written = 0
        if heldCR {
            // With this piece's LF it is a CR LF like any other; else it is content.
            heldCR = false
            if input[0] != .lf {
                destination.storeBytes(of: .cr, as: UInt8.self)
                written = 1
            }
        }
        var read = 0
        while read < end, let found = memchr(base + read, Int32(UInt8.cr), end - read) {
            let cr = base.distance(to: UnsafeRawPointer(found))
            (destination + written).copyMemory(from: base + read, byteCount: cr - read)
            written += cr - read
            read = cr + 1
            if read == end {
                heldCR = true  // its LF may start the next piece
                return written
            }
            if input[read] != .lf {
                // A lone CR is content.
                (destination + written).storeBytes(of: .cr, as: UInt8.self)
                written += 1
            }
        }
        (destination + written).copyMemory(from: base + read, byteCount: end - read)
        return written + (end - read)
    }

    /// Releases a CR held back at the end of the last piece: the message ended with a lone CR.
    public mutating func finish(into output: inout [UInt8]) {
        if heldCR { output.append(.cr) }
        heldCR = false
    }

    /// `finish(into:)` for a raw destination with room for one byte; returns the count written.
    public mutating func finish(to destination: UnsafeMutableRawPointer) -> Int {
        guard heldCR else { return 0 }
        heldCR = false
        destination.storeBytes(of: .cr, as: UInt8.self)
        return 1
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
}
