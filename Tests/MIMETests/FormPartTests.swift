import XCTest

@testable import MIME

/// curl's `-F` syntax for mail, the entity tree it builds, and the composed bytes.
final class FormPartTests: XCTestCase {
    func testArgumentsAsCurlDocumentsThem() throws {
        let text = try FormPartArgument(parsing: "=plain text message")
        XCTAssertEqual(text.content, .text("plain text message"))
        let html = try FormPartArgument(parsing: "= <body>HTML message</body>;type=text/html")
        XCTAssertEqual(html.content, .text(" <body>HTML message</body>"))
        XCTAssertEqual(html.type, "text/html")
        let open = try FormPartArgument(parsing: "=(;type=multipart/alternative")
        XCTAssertEqual(open.content, .openMultipart)
        XCTAssertEqual(open.type, "multipart/alternative")
        XCTAssertEqual(try FormPartArgument(parsing: "=)").content, .closeMultipart)
        let file = try FormPartArgument(parsing: "=@logs/build.log;encoder=base64")
        XCTAssertEqual(file.content, .attachment(path: "logs/build.log"))
        XCTAssertEqual(file.encoder, .base64)
        let inline = try FormPartArgument(
            parsing: "=long line;headers=Content-disposition: \"inline\";encoder=quoted-printable")
        XCTAssertEqual(inline.content, .text("long line"))
        XCTAssertEqual(inline.headers, [try MIMEHeaderField(name: "Content-disposition", value: "\"inline\"")])
        XCTAssertEqual(inline.encoder, .quotedPrintable)
        let quoted = try FormPartArgument(parsing: "=@\"local,file\";filename=\"name;in;\\\"post\\\"\"")
        XCTAssertEqual(quoted.content, .attachment(path: "local,file"))
        XCTAssertEqual(quoted.filename, "name;in;\"post\"")
        XCTAssertEqual(try FormPartArgument(parsing: "story=<hugefile.txt").content, .textFile(path: "hugefile.txt"))
        XCTAssertEqual(try FormPartArgument(parsing: "name=daniel;  type=text/foo").type, "text/foo")
    }

    func testHeaderFilesAsCurlReadsThem() throws {
        let argument = try FormPartArgument(parsing: "=text;headers=@hdrs.txt;headers=<more.txt;headers=X-A: 1 ")
        XCTAssertEqual(argument.headerFiles, ["hdrs.txt", "more.txt"])
        XCTAssertEqual(argument.headers, [try MIMEHeaderField(name: "X-A", value: "1")])
        let file =
            "# comment\r\nX-fileheader1: from a file \r\n\n# another\nX-fileheader2: This is #a\n folded header\n"
        XCTAssertEqual(
            try MIMEHeaderField.fields(inFile: file),
            [
                try MIMEHeaderField(name: "X-fileheader1", value: "from a file"),
                try MIMEHeaderField(name: "X-fileheader2", value: "This is #a folded header"),
            ])
        XCTAssertThrowsError(try MIMEHeaderField.fields(inFile: "not a field\n"))
    }

    func testBadArgumentsAreUsageErrors() {
        let bad = [
            "no equals sign", "=text;colour=red", "=text;encoder=rot13", "=@", "=@-", "=<-", "=@a,b",
            "=\"unterminated", "=text;type=nonsense", "=x;headers=@", "=x;headers=bad",
            "=\"quoted\"junk",
        ]
        for argument in bad {
            XCTAssertThrowsError(try FormPartArgument(parsing: argument), argument) { error in
                XCTAssertEqual((error as? MIMEError)?.kind, .badArgument, argument)
            }
        }
    }

    private func entity(_ arguments: [String]) throws -> MIMEEntity {
        try FormPartList.entity(arguments.map { try FormPartArgument(parsing: $0) })
    }

    func testNestingAndDefaults() throws {
        let root = try entity([
            "=(;type=multipart/alternative", "=text body", "= <p>html</p>;type=text/html", "=)",
            "=@dir/file.log;encoder=base64", "=caf\u{e9}", "=@photo.png",
        ])
        guard case .multipart("mixed", let parts) = root.body, parts.count == 4 else { return XCTFail("\(root)") }
        guard case .multipart("alternative", let alternatives) = parts[0].body else { return XCTFail("\(parts[0])") }
        XCTAssertEqual(alternatives.map(\.contentType), ["text/plain", "text/html"])
        XCTAssertEqual(alternatives.map(\.encoding), [.sevenBit, .sevenBit])
        XCTAssertEqual(parts[1].attachmentName, "file.log")
        XCTAssertEqual(parts[1].contentType, "text/plain")
        XCTAssertEqual(parts[2].contentType, "text/plain; charset=utf-8")
        XCTAssertEqual(parts[2].encoding, .quotedPrintable)
        XCTAssertEqual(parts[3].contentType, "image/png")
        XCTAssertEqual(parts[3].encoding, .base64)
    }

    func testUnbalancedOrEmptyMultipartsAreRefused() {
        for arguments in [["=)"], ["=(", "=x"], ["=(", "=)"], [], ["=x", "=)"]] {
            XCTAssertThrowsError(try entity(arguments), "\(arguments)")
        }
        let deep =
            Array(repeating: "=(", count: FormPartList.maxDepth + 1) + ["=x"]
            + Array(repeating: "=)", count: FormPartList.maxDepth + 1)
        XCTAssertThrowsError(try entity(deep))
    }
}
