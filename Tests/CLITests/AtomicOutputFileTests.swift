import Foundation
import XCTest

@testable import CLI

/// `-o FILE` and `--json FILE`: a regular file appears whole or not at all; a FIFO or a device
/// is written in place and never renamed over (as root, a rename over /dev/null replaces it).
final class AtomicOutputFileTests: XCTestCase {
    func testARegularFileAppearsOnlyOnCommit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.json").path
        let file = try AtomicOutputFile(path: path)
        try file.write("{}")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        try file.commit()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{}")
    }

    func testAFIFOIsWrittenInPlaceNotReplaced() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        let file = try AtomicOutputFile(path: path)
        try file.write("hello")
        try file.commit()
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = read(reader, &buffer, buffer.count)
        XCTAssertEqual(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self), "hello")
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "still a FIFO")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["fifo"], "no part file")
    }
}
