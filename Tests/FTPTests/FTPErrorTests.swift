import XCTest

@testable import FTP

final class FTPErrorTests: XCTestCase {
    func testEachStageHasCurlsCode() {
        let table: [(FTPError.Stage, Int32)] = [
            (.greeting, 8), (.login, 67), (.cwd, 9), (.type, 17), (.rest, 31), (.retrieve, 78), (.store, 25),
            (.protection, 64), (.passive, 13), (.quote, 21), (.downloadEnd, 18), (.uploadEnd, 25), (.other, 8),
        ]
        for (stage, code) in table {
            XCTAssertEqual(FTPError(.rejected(stage, code: 550), "x").curlCode.rawValue, code, "\(stage)")
        }
    }

    func testKindsHaveCurlsCodes() {
        let table: [(FTPError.Kind, Int32)] = [
            (.malformedReply, 8), (.cutShort, 56), (.weirdPassiveReply, 13), (.weird227Format, 14),
            (.partialFile, 18), (.badResume, 36), (.unsendableArgument, 3),
        ]
        for (kind, code) in table { XCTAssertEqual(FTPError(kind, "x").curlCode.rawValue, code, "\(kind)") }
    }
}
