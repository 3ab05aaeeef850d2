import Transport

/// The trace of a run that writes a report (`--json`): every event goes on to the trace the
/// user asked for (`-v`, `--trace-ascii`, or none) and the lines sent and received also into
/// the report's dialog. It sees exactly what `-v` would show, so the protocols' redaction of
/// credentials (and their never tracing message bodies) holds for the report too.
final class RecordingTrace: Trace {
    private let next: Trace
    private let recorder: RunRecorder

    init(forwardingTo next: Trace, recorder: RunRecorder) {
        self.next = next
        self.recorder = recorder
    }

    var isEnabled: Bool { true }

    func info(_ text: String) {
        if next.isEnabled { next.info(text) }
    }

    func sent(_ bytes: [UInt8], display: String?) {
        next.sent(bytes, display: display)
        recorder.recordSent(bytes, display: display)
    }

    func received(_ bytes: [UInt8]) {
        next.received(bytes)
        recorder.recordReceived(bytes)
    }
}
