import Foundation
import XCTest

@testable import CLI

/// `JSONDocumentEncoder` writes what Foundation's `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, byte for byte: the tools dropped
/// Foundation for memory, not to change their documents.
final class JSONDocumentEncoderTests: XCTestCase {
    private func foundation(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    private func assertSameAsFoundation(
        _ value: some Encodable, file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let ours = try JSONDocumentEncoder().encode(value)
        let theirs = try foundation(value)
        XCTAssertEqual(
            String(decoding: ours, as: UTF8.self), String(decoding: theirs, as: UTF8.self), file: file, line: line)
    }

    private struct Sample: Encodable {
        var numbers: [Double] = [
            0, 1, -2.5, 0.5, 0.001234, 1e-7, 123_456_789, 1e20, 1e16, 0.1 + 0.2, 3.141592653589793,
        ]
        var integers: [Int64] = [0, -5, Int64.max, Int64.min]
        var small: [UInt8] = [0, 200]
        var text = "a/b\"c\\d\u{1}\u{1b}\u{7f}\t\n\r\u{8}\u{c}é\u{2028}😀"
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var keys = ["b": 1, "B": 2, "a10": 3, "a9": 4, "A": 5, "_x": 6, "é": 7]
        var absent: Int? = nil
        var present: Int? = 3
        var flag = true
        var nested: [[Int]] = [[1, 2], []]
        var optionals: [String?] = ["x", nil]
    }

    func testSampleValuesMatchFoundation() throws {
        try assertSameAsFoundation(Sample())
        try assertSameAsFoundation([Sample(), Sample()])
        try assertSameAsFoundation("top level")
        try assertSameAsFoundation(42)
        try assertSameAsFoundation([String: [Int]]())
    }

    /// Explicit `encode(nil)`, nested and super containers, as hand-written conformances use them.
    private struct Containers: Encodable {
        enum Keys: String, CodingKey { case explicitNil, inner, list, parent }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeNil(forKey: .explicitNil)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode("value", forKey: .list)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            try list.encodeNil()
            var deeper = list.nestedContainer(keyedBy: Keys.self)
            try deeper.encode(false, forKey: .inner)
            try Sample().encode(to: container.superEncoder(forKey: .parent))
            try "base".encode(to: container.superEncoder())
        }
    }

    func testHandWrittenContainersMatchFoundation() throws {
        try assertSameAsFoundation(Containers())
    }

    func testARunReportMatchesFoundation() throws {
        var report = RunReport(tool: "imap-fetch", startedAt: 1_765_000_000)
        report.target = RunReport.Target(scheme: "imaps", host: "mail.example", address: "192.0.2.1", port: 993)
        report.mode = .implicit
        report.greeting = ["* OK ready \"quoted\" /slash"]
        report.capabilities.afterTLS = ["IMAP4rev1", "AUTH=SCRAM-SHA-256"]
        report.authentication = RunReport.Authentication(mechanism: "SCRAM-SHA-256")
        report.timings.connect = 0.001_5
        report.timings.total = 1.25
        report.exitCode = 67
        try assertSameAsFoundation(report)
    }

    func testNonFiniteNumbersAreRefusedLikeFoundation() {
        XCTAssertThrowsError(try foundation([Double.nan]))
        XCTAssertThrowsError(try JSONDocumentEncoder().encode([Double.nan]))
        XCTAssertThrowsError(try JSONDocumentEncoder().encode([Double.infinity]))
    }
}
