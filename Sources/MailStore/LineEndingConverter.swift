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

    /// Appends the converted form of `input` to `output`: the piece is appended whole (one copy)
    /// and its CR LF pairs are then closed up in place, so the cost is per piece and per line
    /// end, not per byte.
    public mutating func convert(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard input.count > 0 else { return }
        // A CR held back from the last piece goes first: with this piece's LF it is a CR LF
        // like any other.
        let from = output.count
        if heldCR {
            heldCR = false
            output.append(.cr)
        }
        output.append(contentsOf: input)
        var kept = 0
        output.withUnsafeMutableBytes { raw in kept = Self.closeUp(raw, from: from, held: &heldCR) }
        output.removeLast(output.count - kept)
    }

    /// Turns each CR LF in `raw[from...]` into LF by moving the bytes after it down; returns the
    /// count of bytes kept. A CR at the very end is held back (`held`): its LF may come next.
    private static func closeUp(_ raw: UnsafeMutableRawBufferPointer, from: Int, held: inout Bool) -> Int {
        let base = raw.baseAddress!
        var read = from
        var write = from
        let end = raw.count
        while read < end {
            guard let found = memchr(base + read, Int32(UInt8.cr), end - read) else { break }
            let cr = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            if cr + 1 == end {
                // Move what precedes the CR, then drop the CR: it is held for the next piece.
                moveDown(base, from: read, to: write, count: cr - read)
                write += cr - read
                held = true
                return write
            }
            // CR LF loses its CR (the LF starts the next segment); a lone CR is content.
            let segment = cr - read + (raw[cr + 1] == .lf ? 0 : 1)
            moveDown(base, from: read, to: write, count: segment)
            write += segment
            read = cr + 1
        }
        moveDown(base, from: read, to: write, count: end - read)
        return write + (end - read)
    }

    private static func moveDown(_ base: UnsafeMutableRawPointer, from: Int, to: Int, count: Int) {
        if from != to && count > 0 { memmove(base + to, base + from, count) }
    }

    /// Releases a CR held back at the end of the last piece: the message ended with a lone CR.
    public mutating func finish(into output: inout [UInt8]) {
        if heldCR { output.append(.cr) }
        heldCR = false
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
}
