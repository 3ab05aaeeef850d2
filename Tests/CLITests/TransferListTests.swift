import XCTest

@testable import CLI

/// curl's pairing of URLs with `-o`/`-T` and its `-:`/`--next` option sets.
final class TransferListTests: XCTestCase {
    let parser = OptionParser(
        specs: OutputOptions.specs + ConnectionOptions.specs + [
            OptionSpec("output", short: "o", argument: "FILE", help: ""),
            OptionSpec("upload-file", short: "T", argument: "FILE", help: ""),
            OptionSpec("request", short: "X", argument: "COMMAND", help: ""),
            OptionSpec("user", short: "u", argument: "USER", help: ""),
            OptionSpec("next", short: ":", negatable: false, help: ""),
        ])

    private func transfers(_ arguments: [String]) throws -> [(String, [String])] {
        try TransferList.make(try parser.parse(arguments)).map { transfer in
            (transfer.url, transfer.parsed.options.map { $0.name + ($0.value.map { "=" + $0 } ?? "") })
        }
    }

    func testOutputsPairWithURLsInOrder() throws {
        let list = try transfers(["-v", "a://1", "-o", "one", "a://2", "a://3", "-o", "two"])
        XCTAssertEqual(list.map(\.0), ["a://1", "a://2", "a://3"])
        XCTAssertEqual(list.map(\.1), [["verbose", "output=one"], ["verbose", "output=two"], ["verbose"]])
    }

    func testNextStartsAFreshOptionSetKeepingGlobalOnes() throws {
        let list = try transfers([
            "-v", "-u", "a:b", "-X", "STORE", "x://1", "-:", "-X", "CLOSE", "x://2", "--next", "x://3",
        ])
        XCTAssertEqual(list.map(\.0), ["x://1", "x://2", "x://3"])
        XCTAssertEqual(list[0].1, ["verbose", "user=a:b", "request=STORE"])
        XCTAssertEqual(list[1].1, ["verbose", "request=CLOSE"])
        XCTAssertEqual(list[2].1, ["verbose"])
    }

    func testUploadsBeyondTheURLsGoWithTheLastOne() throws {
        let list = try transfers(["-T", "m1", "-T", "m2", "-T", "m3", "-o", "o1", "-o", "o2", "s://1"])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list[0].1, ["upload-file=m1", "upload-file=m2", "upload-file=m3", "output=o1"])
    }

    func testAnOptionSetWithoutURLIsAUsageError() {
        XCTAssertThrowsError(try transfers(["x://1", "-:", "-v"]))
        XCTAssertThrowsError(try transfers(["-v"]))
    }

    func testSameConnectionOptionsIgnoreRequestOptions() throws {
        let list = try TransferList.make(
            try parser.parse(["-u", "a", "x://1", "-o", "f", "-:", "-u", "a", "x://2", "-:", "-u", "b", "x://3"]))
        XCTAssertTrue(list[1].sameConnectionOptions(as: list[0], requestOptions: ["output"]))
        XCTAssertFalse(list[2].sameConnectionOptions(as: list[1], requestOptions: ["output"]))
    }
}
