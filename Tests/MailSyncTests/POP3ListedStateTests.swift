import MailStore
import POP3
import XCTest

@testable import MailSync

/// The pull's state over the server's listing reads and writes what `POP3SyncState` does.
final class POP3ListedStateTests: XCTestCase {
    private func table(_ ids: [String]) -> UIDLTable {
        var table = UIDLTable()
        for id in ids { XCTAssertTrue(table.insert(Array(id.utf8)[...])) }
        return table
    }

    private func read(_ lines: [String], over listing: UIDLTable) throws -> POP3ListedState? {
        var reader = SyncStateReader(try SyncState(lines: lines, origin: "/m/state"))
        let state = try POP3ListedState(reading: &reader, over: listing)
        try reader.finish()
        return state
    }

    private func recorded(_ state: POP3ListedState) -> [String] {
        (0..<state.listing.count).filter { state.contains($0) }.map { String(decoding: state.listing[$0], as: UTF8.self) }
    }

    /// A state file as earlier runs wrote it loads; ids the server no longer lists are dropped.
    func testOldStateFileLoadsAndUnlistedIdsAreDropped() throws {
        let listing = table(["c", "x", "a", "d"])
        let lines = ["pop3-uidl-count 3", "pop3-uidl a", "pop3-uidl b", "pop3-uidl c"]
        let state = try XCTUnwrap(try read(lines, over: listing))
        XCTAssertEqual(recorded(state), ["c", "a"])
        XCTAssertEqual(state.count, 2)
        var written = state
        XCTAssertEqual(try written.syncState().lines, ["pop3-uidl-count 2", "pop3-uidl a", "pop3-uidl c"])
        // Not POP3's lines: nil, the line kept.
        XCTAssertNil(try read([], over: listing))
    }

    /// A state file out of order (written by hand) loads too.
    func testUnsortedStateFileLoads() throws {
        let listing = table(["a", "b", "c"])
        let state = try XCTUnwrap(try read(["pop3-uidl-count 3", "pop3-uidl c", "pop3-uidl z", "pop3-uidl a"], over: listing))
        XCTAssertEqual(recorded(state), ["a", "c"])
    }

    /// The text is sorted and byte for byte `POP3SyncState`'s for the same ids, whether or not
    /// the listing is in byte order, across commits that add ids.
    func testWrittenTextIsSortedAndIdenticalToBefore() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFabcdefXYZ:~!")
        var ids = Set<String>()
        while ids.count < 2_000 {
            let length = Int.random(in: 1...20, using: &generator)
            ids.insert(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for listed in [Array(ids), ids.sorted()] {
            var state = POP3ListedState(over: table(listed))
            var chosen: [String] = []
            for (index, id) in listed.enumerated() where index % 3 != 1 {
                try state.insert(index)
                chosen.append(id)
                if chosen.count % 500 == 0 || index == listed.count - 1 {
                    let expected = try SyncRecord.pop3(POP3SyncState(uidls: chosen.map { try UIDL($0) })).syncState()
                    let written = try state.syncState()
                    XCTAssertEqual(written, expected)
                    XCTAssertEqual(written.lineCount, chosen.count + 1)
                    // And reads back to the same ids.
                    let back = try XCTUnwrap(try read(written.lines, over: state.listing))
                    XCTAssertEqual(recorded(back), recorded(state))
                }
            }
            XCTAssertEqual(try state.syncState().lines.dropFirst(), ArraySlice(chosen.sorted().map { "pop3-uidl \($0)" }))
        }
    }

    /// Damaged POP3 lines are refused with `POP3SyncState`'s errors, listed ids or not.
    func testCorruptStatesAreRefusedAsBefore() throws {
        let cases: [[String]] = [
            ["pop3-uidl-count 2", "pop3-uidl a"],
            ["pop3-uidl-count 1", "pop3-uidl a", "pop3-uidl b"],
            ["pop3-uidl-count 2", "pop3-uidl a", "pop3-uidl a"],
            ["pop3-uidl-count 3", "pop3-uidl b", "pop3-uidl a", "pop3-uidl b"],
            ["pop3-uidl-count 3", "pop3-uidl q", "pop3-uidl p", "pop3-uidl q"],
            ["pop3-uidl-count 1", "pop3-uidl \(String(repeating: "x", count: 71))"],
            ["pop3-uidl-count 1", "pop3-uidl a b"],
            ["pop3-uidl-count 1", "pop3-uidl "],
            ["pop3-uidl-count 1000001"],
        ]
        for lines in cases {
            let before = mailStoreError { _ = try SyncRecord(SyncState(lines: lines, origin: "/m/state")) }
            let now = mailStoreError { _ = try read(lines, over: table(["a", "b"])) }
            XCTAssertNotNil(now, "\(lines)")
            XCTAssertEqual(now?.kind, before?.kind, "\(lines)")
            XCTAssertEqual(now?.message, before?.message, "\(lines)")
        }
    }

    func testStateStaysBounded() throws {
        var state = POP3ListedState(over: table(["a"]))
        try state.insert(0)
        try state.insert(0)
        XCTAssertEqual(state.count, 1)
    }
}
