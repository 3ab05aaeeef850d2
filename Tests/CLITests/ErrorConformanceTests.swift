import Foundation
import XCTest

/// Every error type a tool can end with declares its curl code (`CurlCodeError`) where it is
/// declared; the runner has no table of its own that could miss one. Swift cannot require that
/// every `Error` in the package conforms, so this reads the sources: each error type is either
/// a `CurlCodeError` or one of the few internal ones that are caught inside their own module.
final class ErrorConformanceTests: XCTestCase {
    /// Errors that never leave their file: each is caught and turned into a coded error there.
    let caughtWhereThrown: Set<String> = [
        "Failure",  // IMAPParser.Failure -> IMAPError; StateFile.Failure -> MailStoreError
        "ConnectFailure",  // TCPConnector: errno of one address; the last becomes TransportError
        "EndInsidePiece",  // POP3BodyReader: the end of a message inside a read piece
    ]

    func testEveryErrorTypeDeclaresItsCurlCode() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let declaration = try NSRegularExpression(
            pattern: #"(?:struct|enum|class)\s+(\w+)\s*:\s*([^{]*)\{"#)
        var checked = 0
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        var text = ""
        for case let url as URL in files where url.pathExtension == "swift" {
            text += try String(contentsOf: url, encoding: .utf8) + "\n"
        }
        let range = NSRange(text.startIndex..., in: text)
        for match in declaration.matches(in: text, range: range) {
            let name = String(text[Range(match.range(at: 1), in: text)!])
            let inherited = text[Range(match.range(at: 2), in: text)!].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard inherited.contains("Error") || inherited.contains("CurlCodeError") else { continue }
            checked += 1
            if caughtWhereThrown.contains(name) { continue }
            let conforms = inherited.contains("CurlCodeError") || text.contains("extension \(name): CurlCodeError")
            XCTAssertTrue(conforms, "\(name) is an Error without a curl code: conform it to CurlCodeError")
        }
        XCTAssertGreaterThan(checked, 15, "the scan found too few error types; is the pattern still right?")
    }
}
