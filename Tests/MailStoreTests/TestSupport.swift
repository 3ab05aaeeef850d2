import Foundation
import XCTest

@testable import MailStore

/// A fresh directory under the system's temporary directory, removed at the end of the test.
final class TemporaryDirectory {
    let path: String

    init() {
        let template = NSTemporaryDirectory() + "mailstore-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        path = bytes.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func sub(_ name: String) -> String { path + "/" + name }
}

func fileNames(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}

func contents(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
}

func text(_ path: String) -> String {
    String(decoding: contents(path), as: UTF8.self)
}

func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

/// Streams `message` into a new writer of `store` in pieces of `pieceSize` bytes and finishes.
@discardableResult
func store(
    _ message: String, in store: MessageStore, info: MessageInfo = MessageInfo(), pieceSize: Int = 7
) throws -> Int {
    let writer = try store.beginMessage(info)
    let bytes = Array(message.utf8)
    var offset = 0
    while offset < bytes.count {
        let end = min(offset + pieceSize, bytes.count)
        try writer.write(Array(bytes[offset..<end]))
        offset = end
    }
    try writer.finish()
    return bytes.count
}

/// A process id that no longer runs (a child that has exited), as an interrupted run leaves.
func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

/// Runs a Python 3 program with arguments; returns its standard output.
@discardableResult
func python(
    _ program: String, _ arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line
) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", program] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "python failed: \(errorText)", file: file, line: line)
    return String(decoding: data, as: UTF8.self)
}

extension MailStoreError.Kind {
    /// The curl exit code each kind is meant to map to (documented on the kinds).
    var intendedCurlCode: Int {
        switch self {
        case .writeFailed, .unusableDestination, .locked, .corruptState, .unsupportedFolderName, .stateTooLarge,
            .storeUnusable:
            23
        }
    }
}

func assertThrowsKind(
    _ kind: MailStoreError.Kind, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
) {
    do {
        try body()
        XCTFail("no error, \(kind) expected", file: file, line: line)
    } catch let error as MailStoreError {
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
}

/// A caller's sync state of `lines` (the store gives them no meaning).
func recorded(_ lines: String...) throws -> SyncState {
    try SyncState(lines: lines)
}
