import XCTest

@testable import POP3

final class UIDLTableTests: XCTestCase {
    /// Against a `Set` of strings: the same membership, insertion answers and sorted order,
    /// through growth of the index and removal.
    func testBehavesLikeASetOfStrings() throws {
        var table = UIDLTable()
        var reference = Set<String>()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let id = String(Int.random(in: 0..<3000, using: &generator), radix: 36) + "~x"
            XCTAssertEqual(table.insert(Array(id.utf8)[...]), reference.insert(id).inserted, id)
        }
        XCTAssertEqual(table.count, reference.count)
        for probe in 0..<3200 {
            let id = String(probe, radix: 36) + "~x"
            XCTAssertEqual(table.contains(try UIDL(id)), reference.contains(id), id)
            XCTAssertEqual(table.index(of: Array(id.utf8)[...]) != nil, reference.contains(id), id)
        }
        XCTAssertEqual(
            table.sortedIndices().map { table.uidl(at: Int($0)).value }, reference.sorted())
        table.removeAll { $0.first == UInt8(ascii: "1") }
        reference = reference.filter { !$0.hasPrefix("1") }
        XCTAssertEqual(Set((0..<table.count).map { table.uidl(at: $0).value }), reference)
        for id in reference { XCTAssertTrue(table.contains(try UIDL(id)), id) }
        XCTAssertFalse(table.contains(try UIDL("1~x")))
    }

    func testEqualityIgnoresOrder() throws {
        var a = UIDLTable()
        var b = UIDLTable()
        for id in ["x", "y", "z"] { a.insert(try UIDL(id)) }
        for id in ["z", "x", "y"] { b.insert(try UIDL(id)) }
        XCTAssertEqual(a, b)
        b.insert(try UIDL("w"))
        XCTAssertNotEqual(a, b)
    }

    /// Ids of one length are kept without end offsets until one of another length comes; the
    /// ids read back the same either way.
    func testFixedWidthIdsThenOthers() throws {
        var table = UIDLTable()
        var ids = (0..<300).map { (n: Int) -> String in
            let hex = String(n * 7919, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        for id in ids { XCTAssertTrue(table.insert(Array(id.utf8)[...])) }
        XCTAssertFalse(table.insert(Array(ids[17].utf8)[...]))
        XCTAssertEqual((0..<table.count).map { table.uidl(at: $0).value }, ids)
        for id in ["short", "a-much-longer-unique-id-than-the-others", "0123456789abcdef0"] {
            XCTAssertTrue(table.insert(Array(id.utf8)[...]))
            ids.append(id)
        }
        XCTAssertEqual((0..<table.count).map { table.uidl(at: $0).value }, ids)
        for (index, id) in ids.enumerated() { XCTAssertEqual(table.index(of: Array(id.utf8)[...]), index) }
        XCTAssertNil(table.index(of: Array("0123456789abcdef".utf8)[...]))
    }

    /// A table filled by `append` has no index: it still answers lookups (one by one), and an
    /// insert builds the index again.
    func testAppendedTableWithoutIndex() throws {
        var copy = UIDLTable()
        for id in ["b", "a", "c"] { copy.insert(try UIDL(id)) }
        var table = UIDLTable()
        for id in ["b", "a", "c"] { table.append(Array(id.utf8)[...]) }
        XCTAssertEqual(table.index(of: Array("c".utf8)[...]), 2)
        XCTAssertNil(table.index(of: Array("d".utf8)[...]))
        XCTAssertEqual(table, copy)
        XCTAssertFalse(table.insert(try UIDL("a")))
        XCTAssertTrue(table.insert(try UIDL("d")))
        XCTAssertEqual(table.index(of: Array("d".utf8)[...]), 3)
        XCTAssertEqual(table.count, 4)
        XCTAssertEqual(copy.count, 3)
    }
}
