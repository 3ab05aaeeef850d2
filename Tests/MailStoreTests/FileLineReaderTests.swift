import XCTest

@testable import MailStore

final class FileLineReaderTests: XCTestCase {
    private func lines(_ text: String, bufferSize: Int) throws -> [String] {
        let directory = TemporaryDirectory()
        write(text, to: directory.sub("f"))
        let file = try FileDescriptor.open(directory.sub("f"), flags: O_RDONLY)
        var reader = FileLineReader(file: file, length: Int64(text.utf8.count), bufferSize: bufferSize)
        var result: [String] = []
        while let line = try reader.next() { result.append(String(decoding: line, as: UTF8.self)) }
        return result
    }

    func testLines() throws {
        XCTAssertEqual(try lines("", bufferSize: 4), [])
        XCTAssertEqual(try lines("a\nb", bufferSize: 4), ["a", "b"])
        XCTAssertEqual(try lines("a\n\nb\n", bufferSize: 4), ["a", "", "b"])
        XCTAssertEqual(try lines("abc\nde\n", bufferSize: 4), ["abc", "de"])
    }

    /// A line longer than the buffer comes back cut to the buffer, the rest skipped, however
    /// many buffers long it is.
    func testLongLinesAreCut() throws {
        XCTAssertEqual(try lines("abcdefghijklmnop\nx\n", bufferSize: 4), ["abcd", "x"])
        XCTAssertEqual(try lines("abcd\nx", bufferSize: 4), ["abcd", "x"])
        XCTAssertEqual(try lines("abcdefghij", bufferSize: 4), ["abcd"])
        XCTAssertEqual(try lines(String(repeating: "y", count: 100) + "\nz\n", bufferSize: 8), ["yyyyyyyy", "z"])
    }
}
