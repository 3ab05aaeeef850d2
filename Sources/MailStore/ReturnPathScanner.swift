/// Finds the envelope sender a delivering server recorded in the message's first `Return-Path:`
/// field (RFC 5321 4.4), as the message's bytes stream in, for the mbox `From ` line (as mpop and
/// procmail write it). Reads the header only, and at most `limit` bytes of it: a Return-Path
/// further down is not looked for. Memory: one line, cut at 4 KiB.
struct ReturnPathScanner {
    static let limit = 64 * 1024
    private static let maxLineSize = HeaderFieldCollector.maxValueSize + 64

    private var collector = HeaderFieldCollector(wanted: ["return-path"])
    private var line: [UInt8] = []
    private var scanned = 0
    /// The header ended, or `limit` bytes were read: `sender` is final.
    private(set) var isDone = false

    /// Takes the next bytes of the message.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {  // bounded by the piece's size and `limit`
            if isDone { return }
            scanned += 1
            if byte == .lf {
                if !collector.add(line[...]) { isDone = true }
                line.removeAll(keepingCapacity: true)
            } else if line.count < Self.maxLineSize {
                line.append(byte)
            }
            if scanned >= Self.limit { end() }
        }
    }

    /// No more bytes come (the message ended, or the caller cannot wait longer).
    mutating func end() {
        guard !isDone else { return }
        if !line.isEmpty { _ = collector.add(line[...]) }
        collector.finish()
        isDone = true
    }

    /// The address of the Return-Path seen so far, without angle brackets or comments; nil when
    /// there is none. `<>` (the null sender) gives "<>", which the `From ` line shows as
    /// MAILER-DAEMON.
    var sender: String? {
        guard let value = collector.fields["return-path"] else { return nil }
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            return String(value[open...close])
        }
        let address = value.trimmingBlanks()
        return address.isEmpty ? nil : address
    }
}
