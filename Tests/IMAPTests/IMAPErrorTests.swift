import XCTest

@testable import IMAP

final class IMAPErrorTests: XCTestCase {
    func testRejectedMessages() {
        let response = IMAPTaggedResponse(
            tag: "A4", status: .no,
            text: IMAPResponseText(code: .other("AUTHENTICATIONFAILED", nil), text: "Authentication failed."))
        let table: [(IMAPError.Stage, String)] = [
            (.capability, "CAPABILITY failed: "),
            (.startTLS, "STARTTLS denied: "),
            (.login, "Access denied: "),
            (.authenticate, "Authentication failed: "),
            (.enable, "ENABLE failed: "),
            (.id, "ID failed: "),
            (.select, "Select failed: "),
            (.examine, "Examine failed: "),
            (.status, "STATUS failed: "),
            (.list, "LIST failed: "),
            (.search, "SEARCH failed: "),
            (.fetch, "FETCH failed: "),
            (.store, "STORE failed: "),
            (.expunge, "EXPUNGE failed: "),
            (.custom, "Command failed: "),
            (.other, "Command failed: "),
        ]
        for (stage, prefix) in table {
            let error = IMAPError.rejected(stage, response)
            XCTAssertEqual(error.kind, .rejected(stage, response))
            XCTAssertEqual(error.description, prefix + "NO [AUTHENTICATIONFAILED] Authentication failed.")
        }
    }

    func testSummaryIsPrintableAndBounded() {
        let hostile = IMAPTaggedResponse(
            tag: "A1", status: .bad,
            text: IMAPResponseText(code: .alert, text: "\u{1B}[2Jgone" + String(repeating: "x", count: 2000)))
        let summary = hostile.summary
        XCTAssertTrue(summary.hasPrefix("BAD [ALERT] ?[2Jgone"))
        XCTAssertEqual(summary.utf8.count, 1003)
        XCTAssertFalse(summary.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }))
        XCTAssertEqual(IMAPTaggedResponse(tag: "A1", status: .ok, text: IMAPResponseText(text: "")).summary, "OK")
    }

    func testResponseCodesDescribeThemselves() {
        let table: [(IMAPResponseCode, String)] = [
            (.uidValidity(5), "UIDVALIDITY 5"), (.uidNext(6), "UIDNEXT 6"), (.unseen(1), "UNSEEN 1"),
            (.permanentFlags([.seen, .wildcard]), "PERMANENTFLAGS (\\Seen \\*)"), (.readOnly, "READ-ONLY"),
            (.other("CLOSED", nil), "CLOSED"), (.other("APPENDUID", "1 2"), "APPENDUID 1 2"),
            (.capability(IMAPCapabilities(["IMAP4rev1", "idle"])), "CAPABILITY IMAP4REV1 IDLE"),
            (.badCharset(["UTF-8"]), "BADCHARSET (UTF-8)"), (.tryCreate, "TRYCREATE"), (.alert, "ALERT"),
        ]
        for (code, text) in table { XCTAssertEqual(code.description, text) }
    }
}
