import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// What a mailbox pull shows on stderr. On a terminal: one line redrawn in place at most ten
/// times a second (`INBOX: 1,200 of 4,000 messages, 11.0 of 39.1 MiB, 42.6 MiB/s`); with `-v`:
/// that line as a `* ` line at most once a second, between the trace's lines; otherwise
/// nothing while it runs. When a mailbox is done, one summary line (`INBOX: 3 new messages,
/// 41 KiB`), unless `-s`. Text is `PullProgressFormat`'s.
package final class ProgressLine {
    package enum Display: Equatable, Sendable {
        case none
        /// Redrawn in place with a carriage return.
        case terminal
        /// Appended as lines (`-v`, or no terminal).
        case lines
    }

    private let sink: ByteSink
    private let display: Display
    private let summaries: Bool
    private var mailbox = ""
    private var snapshot = PullProgressFormat.Snapshot()
    private var started: UInt64 = 0
    private var lastDraw: UInt64 = 0
    /// A terminal line is on screen without its newline.
    private var open = false
    private var finishedMessages = 0

    package init(standardError: ByteSink, display: Display, summaries: Bool) {
        self.sink = standardError
        self.display = display
        self.summaries = summaries
    }

    /// The display `-s`/`-v` and stderr ask for: nothing under `-s`; lines under `-v`; a
    /// redrawn line when stderr is a terminal.
    package convenience init(standardError: ByteSink, output: OutputOptions) {
        let terminal = (standardError as? FileDescriptorSink).map { isatty($0.descriptor) == 1 } ?? false
        let display: Display = output.silent ? .none : output.verbose ? .lines : terminal ? .terminal : .none
        self.init(standardError: standardError, display: display, summaries: !output.silent)
    }

    /// Whether the totals are worth asking the server for.
    package var wantsTotals: Bool { display != .none }

    /// Messages saved in this run, over every mailbox so far (for the Ctrl-C message).
    package var savedMessages: Int { finishedMessages + snapshot.messages }

    package func begin(mailbox name: String) {
        mailbox = name
        snapshot = PullProgressFormat.Snapshot()
        started = Deadline.now()
        lastDraw = 0
    }

    package func totals(messages: Int, bytes: Int64) {
        snapshot.totalMessages = messages
        snapshot.totalBytes = bytes
        draw(force: true)
    }

    /// After each saved message of the current mailbox: its counts so far.
    package func update(messages: Int, bytes: Int64) {
        snapshot.messages = messages
        snapshot.bytes = bytes
        draw(force: false)
    }

    /// The mailbox is done: the line is erased and its summary printed.
    package func finish(messages: Int, bytes: Int64, deleted: Int = 0) {
        if open {
            try? sink.write("\r\u{1B}[K")
            open = false
        }
        finishedMessages += messages
        snapshot = PullProgressFormat.Snapshot()
        guard summaries else { return }
        try? sink.write(
            PullProgressFormat.summary(mailbox: mailbox, messages: messages, bytes: bytes, deleted: deleted) + "\n")
    }

    /// A failure: the line is ended so that the error starts on its own line.
    package func interrupt() { endLine() }

    /// Ctrl-C: the line is ended; the error to end the run with (exit 130).
    package func interrupted() -> ToolError {
        endLine()
        return ToolError(.interrupted, PullProgressFormat.interrupted(saved: savedMessages))
    }

    private func draw(force: Bool) {
        guard display != .none else { return }
        let now = Deadline.now()
        let interval: UInt64 = display == .terminal ? 100_000_000 : 1_000_000_000
        guard force || now &- lastDraw >= interval else { return }
        lastDraw = now
        let text = PullProgressFormat.progress(
            mailbox: mailbox, snapshot, seconds: Double(now &- started) / 1e9)
        switch display {
        case .terminal:
            try? sink.write("\r" + text + "\u{1B}[K")
            open = true
        case .lines:
            try? sink.write("* " + text + "\n")
        case .none:
            break
        }
    }

    private func endLine() {
        guard open else { return }
        try? sink.write("\n")
        open = false
    }
}
