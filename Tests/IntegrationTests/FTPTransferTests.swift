import Foundation
import XCTest

/// ftp-transfer against the four vsftpd instances of testservers/: AUTH TLS optional, no TLS,
/// AUTH TLS required with require_ssl_reuse=YES, implicit FTPS.
final class FTPTransferTests: XCTestCase {
    private var dir: URL!
    private func url(_ port: String, _ path: String, scheme: String = "ftp") -> String {
        "\(scheme)://localhost:\(TestServers.port(port))\(path)"
    }
    private var explicit: String { "VSFTPD_PORT_EXPLICIT" }
    private var notls: String { "VSFTPD_PORT_NOTLS" }
    private var required: String { "VSFTPD_PORT_REQUIRED" }
    private var implicit: String { "VSFTPD_PORT_IMPLICIT" }
    private var served: URL { TestServers.runDirectory.appendingPathComponent("vsftpd/root") }

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-ftp-\(getpid())-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func ftp(_ args: [String], timeout: TimeInterval = 60) -> ToolProcess.Result {
        ToolProcess.tool("ftp-transfer", ["-m", "30", "--cacert", TestServers.caFile] + args, timeout: timeout)
    }

    func testDownloadOverAuthTLSWithResumedVerifiedDataConnection() throws {
        let r = ftp(["--ssl-reqd", "-v", url(required, "/hello.txt")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "hello from mailtls vsftpd\n")
        XCTAssertTrue(r.stderr.contains("> AUTH TLS"), r.stderr)
        XCTAssertTrue(r.stderr.contains("> PROT P"), r.stderr)
        XCTAssertTrue(r.stderr.contains("Data connection: TLS session resumed"), r.stderr)
        let verified = r.stderr.components(separatedBy: "server certificate verification OK").count - 1
        XCTAssertEqual(verified, 2, "both channels verified:\n\(r.stderr)")
        XCTAssertEqual(r.stderr.components(separatedBy: "> FEAT").count - 1, 2, "FEAT again after AUTH TLS")
    }

    func testBinaryDownloadToAFileMatchesTheServedBytes() throws {
        let target = dir.appendingPathComponent("1m.bin")
        for port in [explicit, required, notls] {
            try? FileManager.default.removeItem(at: target)
            let r = ftp(["-o", target.path, url(port, "/pub/1m.bin")])
            XCTAssertEqual(r.status, 0, "\(port): \(r.stderr)")
            XCTAssertEqual(
                try Data(contentsOf: target), try Data(contentsOf: served.appendingPathComponent("pub/1m.bin")))
        }
        let ftps = ftp(["-o", target.path, url(implicit, "/pub/1m.bin", scheme: "ftps")])
        XCTAssertEqual(ftps.status, 0, ftps.stderr)
    }

    func testListings() throws {
        let names = ftp(["-l", url(implicit, "/pub/", scheme: "ftps")])
        XCTAssertEqual(names.status, 0, names.stderr)
        XCTAssertEqual(names.stdout, "1m.bin\r\nnested.txt\r\n")
        let long = ftp(["--ssl-reqd", url(required, "/pub/")])
        XCTAssertEqual(long.status, 0, long.stderr)
        XCTAssertTrue(long.stdout.contains("nested.txt") && long.stdout.contains("1048576"), long.stdout)
    }

    func testUploadThenDownloadBackByteForByteInEveryMode() throws {
        let source = dir.appendingPathComponent("source.bin")
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) })
        try bytes.write(to: source)
        let modes: [(String, String, [String])] = [
            (explicit, "ftp", []), (required, "ftp", ["--ssl-reqd"]), (implicit, "ftps", []), (notls, "ftp", []),
        ]
        for (port, scheme, extra) in modes {
            let name = "/upload/up-\(getpid())-\(port).bin"
            let up = ftp(extra + ["-T", source.path, url(port, name, scheme: scheme)])
            XCTAssertEqual(up.status, 0, "\(port): \(up.stderr)")
            let back = ftp(extra + [url(port, name, scheme: scheme)])
            XCTAssertEqual(back.status, 0, "\(port): \(back.stderr)")
            XCTAssertEqual(back.stdoutBytes, bytes, port)
        }
    }

    func testSSLReqdAgainstAServerWithoutTLSIs64AndSSLFallsBack() {
        let reqd = ftp(["--ssl-reqd", url(notls, "/hello.txt")])
        XCTAssertEqual(reqd.status, 64, reqd.stderr)
        let ssl = ftp(["--ssl", "-v", url(notls, "/hello.txt")])
        XCTAssertEqual(ssl.status, 0, ssl.stderr)
        XCTAssertEqual(ssl.stdout, "hello from mailtls vsftpd\n")
        XCTAssertTrue(ssl.stderr.contains("offers no AUTH TLS"), ssl.stderr)
    }

    func testVerificationFailsWithoutTheCA() {
        let r = ToolProcess.tool("ftp-transfer", ["--ssl-reqd", url(required, "/hello.txt")])
        XCTAssertEqual(r.status, 60, r.stderr)
        let ftps = ToolProcess.tool("ftp-transfer", [url(implicit, "/hello.txt", scheme: "ftps")])
        XCTAssertEqual(ftps.status, 60, ftps.stderr)
    }

    func testMissingFileIs78AndMissingDirectoryIs9() {
        XCTAssertEqual(ftp([url(required, "/nope.txt")]).status, 78)
        XCTAssertEqual(ftp([url(required, "/nodir/nope.txt")]).status, 9)
    }

    func testRangesResumesAndMethods() throws {
        let original = try Data(contentsOf: served.appendingPathComponent("pub/1m.bin"))
        let range = ftp(["-r", "100-199", url(required, "/pub/1m.bin")])
        XCTAssertEqual(range.status, 0, range.stderr)
        XCTAssertEqual(range.stdoutBytes, original[100..<200])
        let partial = dir.appendingPathComponent("partial.bin")
        try original.prefix(400_000).write(to: partial)
        let resumed = ftp(["-C", "-", "-o", partial.path, url(required, "/pub/1m.bin")])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try Data(contentsOf: partial), original)
        for method in ["nocwd", "singlecwd", "multicwd"] {
            let r = ftp(["--ftp-method", method, url(explicit, "/pub/nested.txt")])
            XCTAssertEqual(r.stdout, "nested file\n", "\(method): \(r.stderr)")
        }
    }

    func testCreateDirsQuoteAndAppendResume() throws {
        let source = dir.appendingPathComponent("a.txt")
        try Data("first half|second half\n".utf8).write(to: source)
        let base = "/upload/dir-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let head = dir.appendingPathComponent("head.txt")
        try Data("first half|".utf8).write(to: head)
        let made = ftp(["--ftp-create-dirs", "-Q", "NOOP", "-T", head.path, url(required, base + "/sub/a.txt")])
        XCTAssertEqual(made.status, 0, made.stderr)
        let appended = ftp(["-C", "-", "-T", source.path, url(required, base + "/sub/a.txt")])
        XCTAssertEqual(appended.status, 0, appended.stderr)
        XCTAssertEqual(ftp([url(required, base + "/sub/a.txt")]).stdout, "first half|second half\n")
        XCTAssertEqual(ftp(["-Q", "BOGUS", url(required, "/hello.txt")]).status, 21)
    }
}
