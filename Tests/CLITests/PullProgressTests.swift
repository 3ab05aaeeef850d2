import XCTest

@testable import CLI

/// The progress and summary lines of a mailbox pull: pure text, and the redraw rules.
final class PullProgressTests: XCTestCase {
    typealias Format = PullProgressFormat

    func testProgressLineWithTotalsAndRate() {
        let snapshot = Format.Snapshot(
            messages: 1200, bytes: 11_534_336, totalMessages: 4000, totalBytes: 41_000_000)
        XCTAssertEqual(
            Format.progress(mailbox: "INBOX", snapshot, seconds: 0.25),
            "INBOX: 1,200 of 4,000 messages, 11.0 of 39.1 MiB, 44.0 MiB/s")
        XCTAssertEqual(
            Format.progress(mailbox: "Archive/2026", Format.Snapshot(messages: 1, bytes: 2048), seconds: 1),
            "Archive/2026: 1 message, 0.0 MiB, 0.0 MiB/s", "without totals")
        XCTAssertEqual(
            Format.progress(
                mailbox: "INBOX", Format.Snapshot(messages: 0, bytes: 0, totalMessages: 1, totalBytes: 5_000_000),
                seconds: 0),
            "INBOX: 0 of 1 message, 0.0 of 4.8 MiB, 0.0 MiB/s")
    }

    func testSummaryLines() {
        XCTAssertEqual(Format.summary(mailbox: "INBOX", messages: 3, bytes: 41 * 1024), "INBOX: 3 new messages, 41 KiB")
        XCTAssertEqual(Format.summary(mailbox: "INBOX", messages: 0, bytes: 0), "INBOX: nothing new")
        XCTAssertEqual(Format.summary(mailbox: "INBOX", messages: 1, bytes: 1), "INBOX: 1 new message, 1 byte")
        XCTAssertEqual(
            Format.summary(mailbox: "INBOX", messages: 4000, bytes: 41_000_000, deleted: 4000),
            "INBOX: 4,000 new messages, 39.1 MiB, 4,000 deleted on the server")
        XCTAssertEqual(
            Format.interrupted(saved: 1001), "interrupted: 1,001 messages saved, the rest will be fetched next time")
        XCTAssertEqual(Format.interrupted(saved: 1), "interrupted: 1 message saved, the rest will be fetched next time")
    }

    func testNumbers() {
        let grouped: [(Int, String)] = [
            (0, "0"), (999, "999"), (1000, "1,000"), (123_456, "123,456"), (1_234_567, "1,234,567"), (-1200, "-1,200"),
        ]
        for (value, text) in grouped { XCTAssertEqual(Format.grouped(value), text) }
        let sizes: [(Int64, String)] = [
            (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KiB"), (41_500, "41 KiB"), (1_048_576, "1.0 MiB"),
            (2_500_000_000, "2.3 GiB"),
        ]
        for (bytes, text) in sizes { XCTAssertEqual(Format.size(bytes), text) }
        XCTAssertEqual(Format.mebibytes(1_048_576 * 1234), "1,234.0")
    }

    /// On a terminal the line is redrawn in place at most ten times a second, then replaced by
    /// the summary; without one, nothing but the summary; -s: nothing at all.
    func testDisplays() {
        let terminal = MemorySink()
        let line = ProgressLine(standardError: terminal, display: .terminal, summaries: true)
        line.begin(mailbox: "INBOX")
        line.totals(messages: 1000, bytes: 1000 * 2048)
        for n in 1...1000 { line.update(messages: n, bytes: Int64(n) * 2048) }
        line.finish(messages: 1000, bytes: 1000 * 2048)
        let draws = terminal.text.components(separatedBy: "\r").count - 1
        XCTAssertLessThanOrEqual(draws, 4, "one draw for the totals, few for 1000 fast updates, one erase")
        XCTAssertTrue(terminal.text.hasPrefix("\rINBOX: 0 of 1,000 messages, 0.0 of 2.0 MiB, "), terminal.text)
        XCTAssertTrue(terminal.text.hasSuffix("\r\u{1B}[KINBOX: 1,000 new messages, 2.0 MiB\n"), terminal.text)

        let pipe = MemorySink()
        let quiet = ProgressLine(standardError: pipe, display: .none, summaries: true)
        quiet.begin(mailbox: "INBOX")
        quiet.update(messages: 1, bytes: 10)
        quiet.finish(messages: 1, bytes: 10)
        XCTAssertEqual(pipe.text, "INBOX: 1 new message, 10 bytes\n")

        let silent = MemorySink()
        let none = ProgressLine(standardError: silent, display: .none, summaries: false)
        none.begin(mailbox: "INBOX")
        none.finish(messages: 0, bytes: 0)
        XCTAssertEqual(silent.text, "")
    }

    /// Ctrl-C: the open line is ended before the message, which counts every mailbox's saves.
    func testInterruptedEndsTheLine() {
        let sink = MemorySink()
        let line = ProgressLine(standardError: sink, display: .terminal, summaries: true)
        line.begin(mailbox: "INBOX")
        line.finish(messages: 2, bytes: 20)
        line.begin(mailbox: "Sent")
        line.totals(messages: 10, bytes: 100)
        line.update(messages: 3, bytes: 30)
        let error = line.interrupted()
        XCTAssertEqual(error.curlCode, .interrupted)
        XCTAssertEqual(error.message, "interrupted: 5 messages saved, the rest will be fetched next time")
        XCTAssertTrue(sink.text.hasSuffix("\u{1B}[K\n"), sink.text)
    }
}
