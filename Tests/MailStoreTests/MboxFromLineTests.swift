import Foundation
import XCTest

@testable import MailStore

/// The mbox `From ` line: the envelope sender from the caller, else from the message's
/// Return-Path, else MAILER-DAEMON; the date from the caller (the server's arrival date), else
/// the time the message was saved.
final class MboxFromLineTests: XCTestCase {
    /// 2001-09-09 01:46:40 UTC, a Sunday.
    let date: Int64 = 1_000_000_000

    private func firstLine(_ message: String, info: MessageInfo, pieceSize: Int = 7) throws -> String {
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        try store(message, in: mbox, info: info, pieceSize: pieceSize)
        _ = try mbox.commit(recording: .empty)
        try mbox.close()
        return String(text(path).prefix { $0 != "\n" })
    }

    func testSenderComesFromReturnPath() throws {
        let message = "Return-Path: <bob@example.org>\r\nSubject: x\r\n\r\nbody\r\n"
        for pieceSize in [1, 3, 7, 1000] {
            XCTAssertEqual(
                try firstLine(message, info: MessageInfo(internalDate: date), pieceSize: pieceSize),
                "From bob@example.org Sun Sep  9 01:46:40 2001", "pieces of \(pieceSize)")
        }
        XCTAssertEqual(
            try firstLine(
                "Received: from x\n\tby y\nreturn-path:\n  <folded@example.org> (comment)\n\nbody\n",
                info: MessageInfo(internalDate: date)),
            "From folded@example.org Sun Sep  9 01:46:40 2001")
        XCTAssertEqual(
            try firstLine("Return-Path: bare@example.org\n\n", info: MessageInfo(internalDate: date)),
            "From bare@example.org Sun Sep  9 01:46:40 2001")
    }

    func testMailerDaemonWithoutAUsableReturnPath() throws {
        for message in [
            "Subject: none\r\n\r\nReturn-Path: <in-the-body@example.org>\r\n",
            "Return-Path: <>\r\n\r\nbounce\r\n",
            "Return-Path: <a b@example.org>\r\n\r\n",
            "", "no header at all",
        ] {
            XCTAssertEqual(
                try firstLine(message, info: MessageInfo(internalDate: date)),
                "From MAILER-DAEMON Sun Sep  9 01:46:40 2001", message)
        }
    }

    func testCallersSenderWinsAndTheFirstReturnPathCounts() throws {
        XCTAssertEqual(
            try firstLine(
                "Return-Path: <header@example.org>\n\n",
                info: MessageInfo(internalDate: date, envelopeSender: "<given@example.org>")),
            "From given@example.org Sun Sep  9 01:46:40 2001")
        XCTAssertEqual(
            try firstLine(
                "Return-Path: <first@example.org>\nReturn-Path: <second@example.org>\n\n",
                info: MessageInfo(internalDate: date)),
            "From first@example.org Sun Sep  9 01:46:40 2001")
    }

    /// A Return-Path past the first 64 KiB of header is not waited for: the `From ` line is
    /// written with MAILER-DAEMON and the message follows it whole.
    func testHugeHeaderIsNotHeldBack() throws {
        let filler = String(repeating: "X-Filler: " + String(repeating: "y", count: 90) + "\n", count: 1000)
        let message = filler + "Return-Path: <late@example.org>\n\nbody\n"
        let directory = TemporaryDirectory()
        let path = directory.sub("mbox")
        let mbox = try Mbox.open(at: path)
        try store(message, in: mbox, info: MessageInfo(internalDate: date), pieceSize: 4096)
        _ = try mbox.commit(recording: .empty)
        XCTAssertEqual(text(path), "From MAILER-DAEMON Sun Sep  9 01:46:40 2001\n" + message + "\n")
    }

    /// Without a server date, the time of saving.
    func testDateDefaultsToNow() throws {
        let before = Int64(Date().timeIntervalSince1970)
        let line = try firstLine("Return-Path: <a@b>\n\n", info: MessageInfo())
        let after = Int64(Date().timeIntervalSince1970)
        // time(2) reads the coarse clock, which may still be in the second before Date()'s.
        let possible = Set(((before - 1)...after).map { "From a@b " + MboxSeparator.asctime($0) })
        XCTAssertTrue(possible.contains(line), line)
    }

    func testScannerStopsAtTheEndOfTheHeader() {
        var scanner = ReturnPathScanner()
        Array("Subject: a\r\n\r\nReturn-Path: <x@y>\r\n".utf8).withUnsafeBytes { scanner.scan($0) }
        XCTAssertTrue(scanner.isDone)
        XCTAssertNil(scanner.sender)
    }
}
