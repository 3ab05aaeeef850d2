import Foundation
import MailStore
import XCTest

/// A fresh directory under the system's temporary directory, removed at the end of the test.
final class TemporaryDirectory {
    let path: String

    init() {
        let template = NSTemporaryDirectory() + "mailsync-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        path = bytes.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func sub(_ name: String) -> String { path + "/" + name }
}

func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
}

func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

/// The `MailStoreError` thrown by `body`, failing the test when there is none.
func mailStoreError(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> MailStoreError? {
    do {
        try body()
        XCTFail("no error", file: file, line: line)
    } catch let error as MailStoreError {
        return error
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
    return nil
}
