import XCTest

@testable import FTP

final class FTPFeaturesAndPathTests: XCTestCase {
    private func lines(_ text: [String]) -> [ArraySlice<UInt8>] { text.map { Array($0.utf8)[...] } }

    func testFeatureLinesBetweenTheFirstAndLast() {
        let features = FTPFeatures.parse(
            lines(["Features:", " AUTH TLS", " PBSZ", " PROT", " EPSV", " SIZE", " REST STREAM", " UTF8", "End"]))
        XCTAssertTrue(features.answered && features.authTLS && features.pbsz && features.prot)
        XCTAssertTrue(features.epsv && features.size && features.restStream && features.utf8)
    }

    func testAuthWithSeveralMechanismsAndTextLinesAreNotFeatures() {
        XCTAssertTrue(FTPFeatures.parse(lines(["x", " AUTH SSL;TLS", "end"])).authTLS)
        XCTAssertFalse(FTPFeatures.parse(lines(["AUTH TLS", " AUTH SSL", "AUTH TLS"])).authTLS)
        XCTAssertFalse(FTPFeatures.parse(lines(["no features"])).authTLS)
        XCTAssertFalse(FTPFeatures.parse(lines(["x", " REST", "end"])).restStream)
    }

    func testPathsAndMethods() throws {
        let path = try FTPPath(urlPath: "/a/b%20c/file.txt")
        XCTAssertEqual(path.directories, ["a", "b c"])
        XCTAssertEqual(path.fileName, "file.txt")
        XCTAssertEqual(path.changes(.multicwd), ["a", "b c"])
        XCTAssertEqual(path.changes(.singlecwd), ["a/b c"])
        XCTAssertEqual(path.changes(.nocwd), [])
        XCTAssertEqual(path.target(.nocwd), "a/b c/file.txt")
        XCTAssertEqual(path.target(.multicwd), "file.txt")
    }

    func testDirectoryAndAbsolutePaths() throws {
        let listing = try FTPPath(urlPath: "/pub/")
        XCTAssertTrue(listing.isDirectory)
        XCTAssertEqual(listing.directories, ["pub"])
        XCTAssertEqual(listing.listTarget(.nocwd), "pub")
        XCTAssertNil(listing.listTarget(.multicwd))
        let root = try FTPPath(urlPath: "/")
        XCTAssertTrue(root.isDirectory)
        XCTAssertEqual(root.directories, [])
        XCTAssertEqual(try FTPPath(urlPath: "//etc/x").directories, ["/", "etc"])
        XCTAssertEqual(try FTPPath(urlPath: "/%2Fetc/x").changes(.singlecwd), ["/etc"])
        XCTAssertEqual(try FTPPath(urlPath: "/a//b/x").directories, ["a", "b"])
    }

    func testControlCharactersInThePathAreRefused() {
        for path in ["/a%0d%0aDELE%20x/f", "/f%00", "/x%0a"] {
            XCTAssertThrowsError(try FTPPath(urlPath: path), path) { error in
                XCTAssertEqual((error as? FTPError)?.curlCode.rawValue, 3)
            }
        }
        XCTAssertThrowsError(try FTPCommand("CWD", "a\r\nDELE b"))
    }

    func testPassIsRedactedInTheTrace() throws {
        let pass = try FTPCommand.pass("secret")
        XCTAssertEqual(pass.line, "PASS secret")
        XCTAssertEqual(pass.display, "PASS <redacted>")
    }
}
