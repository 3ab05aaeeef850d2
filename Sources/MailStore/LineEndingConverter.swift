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
        guard let base = input.baseAddress, input.count > 0 else { return }
        var i = 0
        if heldCR {
            heldCR = false
            if input[0] == .lf {
                output.append(.lf)
                i = 1
            } else {
                output.append(.cr)
            }
        }
        while i < input.count {
            guard let found = memchr(base + i, Int32(UInt8.cr), input.count - i) else {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i...]))
                return
            }
            let cr = base.distance(to: UnsafeRawPointer(found))
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<cr]))
            if cr + 1 == input.count {
                heldCR = true
                return
            }
            if input[cr + 1] == .lf {
                output.append(.lf)
                i = cr + 2
            } else {
                output.append(.cr)
                i = cr + 1
            }
        }
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
