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
}
