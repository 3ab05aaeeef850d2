import Foundation
import XCTest

/// Each executable's man page documents exactly the options its parser accepts.
final class ManPageTests: XCTestCase {
    static let tools = [
        "http-get", "smtp-send", "imap-fetch", "pop3-retrieve", "ftp-transfer", "ldap-search", "mail-tls-audit",
    ]

    /// Long option names in `--help` output ("  -m, --max-time SECONDS   ...").
    private func helpOptions(_ tool: String) -> Set<String> {
        let help = ToolProcess.tool(tool, ["--help"]).stdout
        return Set(
            help.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: "--") else { return nil }
                return line[range.upperBound...].split(separator: " ").first.map(String.init)
            })
    }

    /// Long option names in the man page's option tags (`.TP` followed by `.B`/`.BR` lines).
    private func manOptions(_ tool: String) throws -> Set<String> {
        let path = TestServers.packageRoot.appendingPathComponent("man/\(tool).1")
        let lines = try String(contentsOf: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var names: Set<String> = []
        for (i, line) in lines.enumerated() where i > 0 && lines[i - 1].hasPrefix(".TP") {
            let text = line.replacingOccurrences(of: "\\-", with: "-")
            var rest = Substring(text)
            while let range = rest.range(of: "--") {
                let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
                if !name.isEmpty { names.insert(String(name)) }
                rest = rest[range.upperBound...]
            }
        }
        return names
    }

    func testManPagesListExactlyTheParsersOptions() throws {
        for tool in Self.tools {
            let help = helpOptions(tool)
            XCTAssertGreaterThan(help.count, 20, "\(tool) --help lists its options")
            let man = try manOptions(tool)
            XCTAssertEqual(help.subtracting(man).sorted(), [], "\(tool): options missing from man/\(tool).1")
            XCTAssertEqual(
                man.subtracting(help).sorted(), [], "\(tool): man/\(tool).1 documents options the parser lacks")
        }
    }

    func testManPagesRenderWithoutWarnings() throws {
        // The tools' pages, and the configuration file's (section 5).
        for page in Self.tools.map({ "\($0).1" }) + ["mailtls-config.5"] {
            let path = TestServers.packageRoot.appendingPathComponent("man/\(page)").path
            let r = ToolProcess.run("/usr/bin/env", ["groff", "-man", "-Tutf8", "-ww", "-z", path])
            guard r.status != 127 else { throw XCTSkip("groff not installed") }
            XCTAssertEqual(r.stderr, "", "\(page) has groff warnings")
        }
    }
}
