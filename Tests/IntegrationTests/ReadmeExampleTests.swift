import Foundation
import XCTest

/// Every command of README.md's ```` ```sh ```` blocks, run with bash exactly as written against
/// the bundled servers (`ReadmeExamples` states the convention): from a copy of the repository
/// root (links to its entries, `testservers/run` the servers' run directory, so the files the
/// examples write land in a scratch directory), with the built tools first on PATH, HOME an
/// empty directory, and MAILTLS_INSTALL_FROM naming the built tools (so `scripts/install` in
/// an example copies them instead of building a release).
final class ReadmeExampleTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        try TestServers.ensureRunning()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mailtls-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent("home"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testTheConventionIsReadAsDocumented() {
        let examples = ReadmeExamples.parse(
            """
            ```sh
            X=1
            tool --a "# not a comment" \\
                --b   # 60: refused
            #   first line ...
            #   second
            # a plain comment
            #   not output: after a plain comment
            other | grep x   # the name only
            cat > f <<'EOF'
            # kept: a file's line, not a comment
            EOF

            # not run: needs a terminal
            prompt-tool -u alice
            ```
            ```
            not-sh
            ```
            """)
        XCTAssertEqual(examples.map(\.line), [2, 3, 9, 10, 15])
        XCTAssertEqual(examples[3].command, "cat > f <<'EOF'\n# kept: a file's line, not a comment\nEOF")
        XCTAssertTrue(examples[0].isAssignment)
        XCTAssertEqual(examples[1].expectedStatus, 60)
        XCTAssertEqual(examples[1].expectedOutput, ["first line ...", "second"])
        XCTAssertEqual(examples[2].expectedStatus, 0)
        XCTAssertEqual(examples[2].expectedOutput, [])
        XCTAssertEqual(examples[4].notRunReason, "needs a terminal")
        XCTAssertNil(examples[1].notRunReason)
        XCTAssertTrue(ReadmeExamples.output("a\n  first line and more\n", matches: "first line ..."))
        XCTAssertFalse(ReadmeExamples.output("a first line\n", matches: "first line ..."))
    }

    func testEveryReadmeExampleWorksAsWritten() throws {
        let readme = try String(
            contentsOf: TestServers.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = ReadmeExamples.parse(readme)
        XCTAssertGreaterThan(examples.count, 40, "README's examples were not found")
        let root = try makeRepositoryView()
        var prelude: [String] = []
        for example in examples {
            if let reason = example.notRunReason {
                XCTAssertFalse(reason.isEmpty, "README.md:\(example.line): a `# not run:` without a reason")
                continue
            }
            let r = run(prelude.joined(separator: "\n") + "\n" + example.command, in: root)
            let output = r.stdout + r.stderr
            XCTAssertEqual(
                r.status, example.expectedStatus,
                "README.md:\(example.line): \(example.command)\nexited \(r.status), output:\n\(output)")
            for hint in example.expectedOutput where !ReadmeExamples.output(output, matches: hint) {
                XCTFail("README.md:\(example.line): \(example.command)\ndid not print \"\(hint)\"; output:\n\(output)")
            }
            if example.isAssignment { prelude.append(example.command) }
        }
    }

    /// A directory standing for the repository root: links to its entries, except that
    /// `testservers/run` is the run directory of the servers in use (MAILTLS_RUN).
    private func makeRepositoryView() throws -> URL {
        let files = FileManager.default
        let root = scratch.appendingPathComponent("mailtls")
        let servers = root.appendingPathComponent("testservers")
        try files.createDirectory(at: servers, withIntermediateDirectories: true)
        let package = TestServers.packageRoot
        for name in try files.contentsOfDirectory(atPath: package.path) where ![".build", "testservers"].contains(name)
        {
            try files.createSymbolicLink(
                at: root.appendingPathComponent(name), withDestinationURL: package.appendingPathComponent(name))
        }
        let serverDirectory = package.appendingPathComponent("testservers")
        for name in try files.contentsOfDirectory(atPath: serverDirectory.path) where name != "run" {
            try files.createSymbolicLink(
                at: servers.appendingPathComponent(name),
                withDestinationURL: serverDirectory.appendingPathComponent(name))
        }
        try files.createSymbolicLink(
            at: servers.appendingPathComponent("run"), withDestinationURL: TestServers.runDirectory)
        return root
    }

    private func run(_ script: String, in directory: URL) -> ToolProcess.Result {
        var environment = ToolProcess.cleanEnvironment([
            "HOME": scratch.appendingPathComponent("home").path,
            "PATH": ToolProcess.productsDirectory.path + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
            "MAILTLS_INSTALL_FROM": ToolProcess.productsDirectory.path,
            "MAILTLS_RUN": TestServers.runDirectory.path,
        ])
        environment["NETRC"] = nil
        // A reader's own shell: the config file is the one under HOME the README writes.
        environment["XDG_CONFIG_HOME"] = nil
        return ToolProcess.run(
            "/bin/bash", ["-c", "cd \"$0\" && eval \"$1\"", directory.path, script], environment: environment,
            timeout: 300)
    }
}
