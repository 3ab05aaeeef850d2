import MailStore
import Transport
import TransportFakes
import XCTest

@testable import POP3

final class POP3ListingTests: XCTestCase {
    // MARK: STAT

    func testStat() throws {
        let table: [(String, UInt32, UInt64)] = [
            ("+OK 214 54488483", 214, 54_488_483),  // Dovecot
            ("+OK 0 0", 0, 0),
            ("+OK 2 320 extra text allowed", 2, 320),
            ("+OK 007 18446744073709551615", 7, UInt64.max),
        ]
        for (line, count, size) in table {
            XCTAssertEqual(
                try POP3Maildrop(stat: POP3Response(line: [UInt8](line))),
                POP3Maildrop(messageCount: count, size: size), line)
        }
    }

    func testHostileStat() throws {
        for line in [
            "+OK", "+OK 2", "+OK  2 320", "+OK 2  320", "+OK -1 320", "+OK 2 -320", "+OK 2 3a", "+OK x y",
            "+OK 4294967296 1", "+OK 2 18446744073709551616", "+OK 2 99999999999999999999999999", "+OK 2\t320",
            "+OK +2 320",
        ] {
            let response = try POP3Response(line: [UInt8](line))
            XCTAssertEqual(pop3ErrorKind { _ = try POP3Maildrop(stat: response) }, .malformedResponse, line)
        }
    }

    // MARK: LIST

    func testScanListingLines() throws {
        let table: [(String, UInt32, UInt64)] = [
            ("1 10240", 1, 10240), ("214 10240", 214, 10240), ("4294967295 0", UInt32.max, 0),
            ("3 120 more", 3, 120), ("01 5", 1, 5),
        ]
        for (line, number, size) in table {
            XCTAssertEqual(try POP3ScanListing([UInt8](line)), POP3ScanListing(messageNumber: number, size: size), line)
        }
        XCTAssertEqual(
            try POP3ScanListing(list: POP3Response(line: [UInt8]("+OK 1 10240"))),
            POP3ScanListing(messageNumber: 1, size: 10240))
    }

    func testHostileScanListingLines() {
        for line in [
            "", "1", "1 ", " 1 2", "0 10", "-1 10", "1 -10", "1 1e3", "a b", "4294967296 1", "1 18446744073709551616",
            "1  10", "1\t10", "1 10\0",
        ] {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3ScanListing([UInt8](line)) }, .malformedResponse, line.debugDescription)
        }
    }

    func testReadsListListing() throws {
        let trace = RecordingTrace()
        let s = stream("1 10240\r\n2 200\r\n5 3\r\n.\r\n+OK next\r\n", chunkSize: 5)
        XCTAssertEqual(
            try POP3ScanListing.readListing(from: s, trace: trace),
            [
                POP3ScanListing(messageNumber: 1, size: 10240), POP3ScanListing(messageNumber: 2, size: 200),
                POP3ScanListing(messageNumber: 5, size: 3),
            ])
        XCTAssertEqual(trace.received, ["1 10240", "2 200", "5 3", "."])
        XCTAssertTrue(try POP3Response.read(from: s, trace: trace).isOK)
        XCTAssertEqual(try POP3ScanListing.readListing(from: stream(".\r\n"), trace: trace), [])
    }

    func testHostileListListings() {
        let table: [(String, POP3Error.Kind)] = [
            ("1 10\r\n1 10\r\n.\r\n", .malformedResponse),  // repeated number
            ("2 10\r\n1 10\r\n.\r\n", .malformedResponse),  // out of order
            ("1 10\r\nx\r\n.\r\n", .malformedResponse),
            ("1 10\r\n2 20\r\n", .cutShort),  // no "." line
            ("1 10\r\n2 2", .cutShort),  // closed inside a line
            ("1 10\r\n" + String(repeating: "9", count: 5000) + " 1\r\n.\r\n", .lineTooLong),
        ]
        for (wire, kind) in table {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3ScanListing.readListing(from: stream(wire), trace: SilentTrace()) }, kind,
                wire.debugDescription)
        }
    }

    func testListingEntryLimit() {
        let limits = POP3Limits(maxListingEntries: 3)
        XCTAssertNoThrow(
            try POP3ScanListing.readListing(
                from: stream("1 1\r\n2 2\r\n3 3\r\n.\r\n"), trace: SilentTrace(), limits: limits))
        XCTAssertEqual(
            pop3ErrorKind {
                _ = try POP3ScanListing.readListing(
                    from: stream("1 1\r\n2 2\r\n3 3\r\n4 4\r\n.\r\n"), trace: SilentTrace(), limits: limits)
            }, .tooManyEntries)
        // An endless listing stops at the limit.
        final class Counter: Transport {
            var n = 0
            let peerName = "peer.test:1"
            func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
                n += 1
                let line = Array("\(n) 100\r\n".utf8)
                for (i, byte) in line.enumerated() { buffer[i] = byte }
                return line.count
            }
            func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {}
            func waitForInput(milliseconds: Int32) -> Bool { true }
            func close() {}
        }
        XCTAssertEqual(
            pop3ErrorKind {
                _ = try POP3ScanListing.readListing(
                    from: ByteStream(transport: Counter()), trace: SilentTrace(),
                    limits: POP3Limits(maxListingEntries: 10_000))
            }, .tooManyEntries)
    }

    // MARK: UIDL

    func testUniqueIDListingLines() throws {
        let seventy = String(repeating: "u", count: 70)
        let table: [(String, UInt32, String)] = [
            ("1 000000016b0b9aaf", 1, "000000016b0b9aaf"),  // Dovecot
            ("1 whqtswO00WBw418f9t5JxYwZ", 1, "whqtswO00WBw418f9t5JxYwZ"),
            ("2 QhdPYR:00WBw1Ph7x7", 2, "QhdPYR:00WBw1Ph7x7"),
            ("3 !~", 3, "!~"),
            ("4 " + seventy, 4, seventy),
        ]
        for (line, number, uid) in table {
            XCTAssertEqual(
                try POP3UniqueIDListing([UInt8](line)), POP3UniqueIDListing(messageNumber: number, uid: try UIDL(uid)),
                line)
        }
        XCTAssertEqual(
            try POP3UniqueIDListing(uidl: POP3Response(line: [UInt8]("+OK 1 000000016b0b9aaf"))).uid.value,
            "000000016b0b9aaf")
    }

    func testHostileUniqueIDListingLines() {
        let seventyOne = String(repeating: "u", count: 71)
        for line in [
            "", "1", "1 ", "0 abc", "x abc", "1 a b", "1  abc", "1 abc ", "1 " + seventyOne, "1 ab\u{7f}",
            "1 caf\u{e9}", "1 a\tb", "4294967296 abc", " 1 abc",
        ] {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3UniqueIDListing([UInt8](line)) }, .malformedResponse, line.debugDescription)
        }
    }

    func testReadsUIDLListing() throws {
        let s = stream("1 aaa\r\n2 bbb\r\n3 ..dots\r\n.\r\n")
        let listings = try POP3UniqueIDListing.readListing(from: s, trace: SilentTrace())
        XCTAssertEqual(listings.map(\.messageNumber), [1, 2, 3])
        // Only a line's first byte is stuffing: dots inside a unique-id are its own.
        XCTAssertEqual(listings.map(\.uid.value), ["aaa", "bbb", "..dots"])
    }

    func testDuplicateAndOverlongUIDLs() {
        let table: [(String, POP3Error.Kind)] = [
            ("1 same\r\n2 same\r\n.\r\n", .malformedResponse),
            ("1 a\r\n1 b\r\n.\r\n", .malformedResponse),
            ("1 a\r\n2 " + String(repeating: "x", count: 71) + "\r\n.\r\n", .malformedResponse),
            ("1 a\r\n2 b\r\n", .cutShort),
            ("1 " + String(repeating: "x", count: 10_000) + "\r\n.\r\n", .lineTooLong),
        ]
        for (wire, kind) in table {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3UniqueIDListing.readListing(from: stream(wire), trace: SilentTrace()) },
                kind,
                wire.prefix(40).debugDescription)
        }
        do {
            _ = try POP3UniqueIDListing.readListing(from: stream("1 same\r\n2 same\r\n.\r\n"), trace: SilentTrace())
        } catch let error as POP3Error {
            XCTAssertEqual(error.message, "Invalid UIDL listing from server: unique-id \"same\" given to two messages")
        } catch {
            XCTFail("\(error)")
        }
    }

    /// The compact listing: duplicates found once it is read (in byte order, no hash index),
    /// numbers kept only when they are not 1, 2, 3..., lookups by binary search.
    func testUniqueIDTable() throws {
        for wire in ["1 b\r\n2 c\r\n3 b\r\n.\r\n", "1 same\r\n2 same\r\n.\r\n"] {
            XCTAssertEqual(
                pop3ErrorKind { _ = try POP3UniqueIDTable.read(from: stream(wire), trace: SilentTrace()) },
                .malformedResponse)
        }
        do {
            _ = try POP3UniqueIDTable.read(from: stream("1 z\r\n2 same\r\n3 a\r\n4 same\r\n.\r\n"), trace: SilentTrace())
            XCTFail("duplicate accepted")
        } catch let error as POP3Error {
            XCTAssertEqual(error.message, "Invalid UIDL listing from server: unique-id \"same\" given to two messages")
        }
        XCTAssertEqual(
            pop3ErrorKind { _ = try POP3UniqueIDTable.read(from: stream("2 a\r\n2 b\r\n.\r\n"), trace: SilentTrace()) },
            .malformedResponse)
        for (wire, numbers, ascending) in [
            ("1 a1\r\n2 a2\r\n3 b\r\n.\r\n", [1, 2, 3], true),
            ("1 q\r\n2 a\r\n5 zz\r\n9 b\r\n.\r\n", [1, 2, 5, 9], false),
            ("3 x\r\n4 y\r\n.\r\n", [3, 4], true),
        ] as [(String, [UInt32], Bool)] {
            let table = try POP3UniqueIDTable.read(from: stream(wire), trace: SilentTrace())
            XCTAssertEqual((0..<table.count).map { table.messageNumber(at: $0) }, numbers, wire)
            XCTAssertEqual(table.byteOrder.isEmpty, ascending, wire)
            for index in 0..<table.count {
                XCTAssertEqual(table.uids.index(of: table.uids[index], order: table.byteOrder), index, wire)
                XCTAssertEqual(table.uids.index(of: table.uids[index]), index, wire)
            }
            XCTAssertNil(table.uids.index(of: Array("nope".utf8)[...], order: table.byteOrder))
            XCTAssertNil(table.uids.index(of: Array("0".utf8)[...], order: table.byteOrder))
        }
    }
}
