import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The progress line of a mailbox pull on a terminal: messages, bytes, rate; redrawn at most
/// four times a second, silent with `-s` or when stderr is not a terminal.
package final class ProgressLine {
    private let sink: ByteSink?
    private let started = Deadline.now()
    private var lastDraw: UInt64 = 0
    private var drawn = false

    package init(standardError: ByteSink, enabled: Bool) {
        sink = enabled && isatty(STDERR_FILENO) == 1 ? standardError : nil
    }

    package func update(messages: Int, bytes: Int64, force: Bool = false) {
        guard let sink else { return }
        let now = Deadline.now()
        guard force || now - lastDraw >= 250_000_000 else { return }
        lastDraw = now
        let seconds = max(Double(now - started) / 1e9, 0.001)
        let mib = Double(bytes) / 1_048_576
        let line =
            "\r\(messages) message\(messages == 1 ? "" : "s"), \(format(mib)) MiB, \(format(mib / seconds)) MiB/s "
        try? sink.write(line)
        drawn = true
    }

    package func finish(messages: Int, bytes: Int64) {
        guard sink != nil, drawn || messages > 0 else { return }
        update(messages: messages, bytes: bytes, force: true)
        try? sink?.write("\n")
    }

    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
