import CurlURL
import Foundation
import Transport
import XCTest

@testable import HTTP

final class UploadTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("http-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func file(_ contents: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent("body.bin")
        try Data(contents).write(to: url)
        return url.path
    }

    private func run(_ body: HTTPRequestBody, _ responses: [String], follow: Bool = false) throws -> FakeServer {
        let server = FakeServer(["http://h:80": responses], chunkSize: 4096)
        _ = try HTTPTransfer.run(
            url: try CurlURL(parsing: "http://h/up"),
            options: HTTPTransferOptions(body: body, userAgent: nil, followRedirects: follow),
            trace: SilentTrace(), connect: server.connect, onHead: { _ in }, onBody: { _ in })
        return server
    }

    func testFileIsStreamedWithContentLength() throws {
        let contents = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
        let server = try run(.file(path: try file(contents)), ["HTTP/1.1 201 Created\r\n\r\n"])
        let head = "PUT /up HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nContent-Length: 200000\r\n\r\n"
        XCTAssertEqual(server.connections[0].transport.sent, [UInt8](head) + contents)
    }

    func testFileIsReplayedAfter307() throws {
        let server = try run(
            .file(path: try file([UInt8]("data"))),
            ["HTTP/1.1 307 X\r\nLocation: /other\r\n\r\n", "HTTP/1.1 201 Created\r\n\r\n"], follow: true)
        XCTAssertEqual(
            server.requests[1], "PUT /other HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nContent-Length: 4\r\n\r\ndata")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try run(.file(path: directory.appendingPathComponent("absent").path), [])) { error in
            XCTAssertEqual((error as? HTTPError)?.kind, .uploadRead)
            XCTAssertTrue((error as? HTTPError)?.message.hasPrefix("Can't open '") ?? false)
        }
    }

    func testUnreadableFile() {
        // A directory opens but cannot be read.
        XCTAssertThrowsError(try run(.file(path: directory.path), ["HTTP/1.1 200 OK\r\n\r\n"])) { error in
            XCTAssertEqual((error as? HTTPError)?.kind, .uploadRead)
        }
    }

    func testDescriptorIsSentChunkedAndCannotBeReplayed() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let payload = [UInt8]("streamed")
        _ = payload.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        XCTAssertThrowsError(
            try run(
                .fileDescriptor(fds[0]),
                ["HTTP/1.1 308 X\r\nLocation: /x\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n"], follow: true)
        ) { error in
            XCTAssertEqual(error as? HTTPError, HTTPError(.rewindFailed, "necessary data rewind wasn't possible"))
        }
    }

    func testDescriptorChunkFraming() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let payload = [UInt8]("streamed")
        _ = payload.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        let server = try run(.fileDescriptor(fds[0]), ["HTTP/1.1 200 OK\r\n\r\n"])
        XCTAssertEqual(
            server.requests[0],
            "PUT /up HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "8\r\nstreamed\r\n0\r\n\r\n")
    }
}
