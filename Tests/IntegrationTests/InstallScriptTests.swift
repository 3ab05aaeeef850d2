import Foundation
import XCTest

/// scripts/install and scripts/uninstall, with the tools this test run built
/// (MAILTLS_INSTALL_FROM: no release build), into temporary prefixes.
final class InstallScriptTests: XCTestCase {
    private var scratch: URL!
    private let files = FileManager.default

    override func setUpWithError() throws {
        scratch = files.temporaryDirectory.appendingPathComponent("mailtls-install-\(UUID().uuidString)")
        try files.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? files.removeItem(at: scratch)
    }

    private func script(_ name: String, _ arguments: [String], destdir: String? = nil) -> ToolProcess.Result {
        var environment = ToolProcess.cleanEnvironment(["MAILTLS_INSTALL_FROM": ToolProcess.productsDirectory.path])
        environment["DESTDIR"] = destdir
        return ToolProcess.run(
            TestServers.packageRoot.appendingPathComponent("scripts/\(name)").path, arguments,
            environment: environment, timeout: 120)
    }

    /// The tools: one man page each in man/.
    private var tools: [String] {
        let pages = (try? files.contentsOfDirectory(atPath: TestServers.packageRoot.appendingPathComponent("man").path))
        return (pages ?? []).filter { $0.hasSuffix(".1") }.map { String($0.dropLast(2)) }.sorted()
    }

    func testInstallsToolsManPagesAndSendmailLinkThenUninstallLeavesNothing() throws {
        let prefix = scratch.appendingPathComponent("opt/mailtls").path
        let installed = script("install", ["--sendmail-link", prefix])
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertTrue(tools.contains("smtp-send"), "\(tools)")
        XCTAssertEqual(try files.contentsOfDirectory(atPath: prefix + "/bin").sorted(), tools)
        for tool in tools {
            XCTAssertTrue(files.isExecutableFile(atPath: "\(prefix)/bin/\(tool)"), tool)
            XCTAssertTrue(files.fileExists(atPath: "\(prefix)/share/man/man1/\(tool).1"), tool)
        }
        let version = ToolProcess.run(prefix + "/bin/smtp-send", ["--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertTrue(version.stdout.hasPrefix("smtp-send "), version.stdout)
        XCTAssertEqual(try files.destinationOfSymbolicLink(atPath: prefix + "/sbin/sendmail"), "../bin/smtp-send")
        XCTAssertTrue(files.isExecutableFile(atPath: prefix + "/sbin/sendmail"))
        XCTAssertEqual(
            try files.destinationOfSymbolicLink(atPath: prefix + "/share/man/man8/sendmail.8"), "../man1/smtp-send.1")
        let manifest = try String(contentsOfFile: prefix + "/share/mailtls/installed-files", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\(prefix)/bin/smtp-send\n"), manifest)
        XCTAssertTrue(manifest.contains("\(scratch.path)/opt/\n"), "directories created are recorded: \(manifest)")
        if files.isExecutableFile(atPath: "/usr/bin/man") {
            let page = ToolProcess.run(
                "/usr/bin/man", ["-M", prefix + "/share/man", "smtp-send"],
                environment: ToolProcess.cleanEnvironment(["MANPAGER": "cat", "MANWIDTH": "80"]))
            XCTAssertEqual(page.status, 0, page.stderr)
            XCTAssertTrue(page.stdout.contains("SMTP-SEND(1)"), page.stdout)
        }

        let removed = script("uninstall", [prefix])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try files.contentsOfDirectory(atPath: scratch.path), [], "uninstall left something behind")
    }

    /// DESTDIR stages the files; the manifest names the final paths; without --sendmail-link
    /// there is no sendmail; a file that was there before stays, with its directory.
    func testDestdirStagingKeepsForeignFiles() throws {
        let stage = scratch.appendingPathComponent("stage").path
        try files.createDirectory(atPath: stage + "/usr/local/bin", withIntermediateDirectories: true)
        XCTAssertTrue(files.createFile(atPath: stage + "/usr/local/bin/other-tool", contents: Data("x".utf8)))
        let installed = script("install", [], destdir: stage)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertTrue(files.isExecutableFile(atPath: stage + "/usr/local/bin/imap-fetch"))
        XCTAssertFalse(files.fileExists(atPath: stage + "/usr/local/sbin"))
        let manifest = try String(contentsOfFile: stage + "/usr/local/share/mailtls/installed-files", encoding: .utf8)
        XCTAssertTrue(manifest.contains("/usr/local/bin/imap-fetch\n"), manifest)
        XCTAssertFalse(manifest.contains(stage), manifest)
        XCTAssertFalse(manifest.contains("/usr/local/bin/\n"), "bin/ existed before: \(manifest)")

        let removed = script("uninstall", [], destdir: stage)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try files.contentsOfDirectory(atPath: stage + "/usr/local/bin"), ["other-tool"])
        XCTAssertEqual(try files.contentsOfDirectory(atPath: stage + "/usr/local"), ["bin"])
        XCTAssertEqual(script("uninstall", [], destdir: stage).status, 1, "nothing left to uninstall")
    }
}
