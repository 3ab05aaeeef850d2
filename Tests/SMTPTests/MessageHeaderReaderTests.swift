import XCTest

@testable import SMTP

final class MessageHeaderReaderTests: XCTestCase {
    struct Outcome: Equatable {
        var header: String
        var body: String
        var recipients: [String]
        var sender: String?
    }

    /// Feeds `pieces`, then the rest of the message as the body a caller would stream on.
    private func read(_ pieces: [[UInt8]]) throws -> Outcome {
        var reader = MessageHeaderReader()
        var result: MessageHeaderReader.Result?
        var body: [UInt8] = []
        for piece in pieces {
            if result != nil {
                body += piece
                continue
            }
            if let done = try reader.consume(piece) {
                result = done
                body = done.body
            }
        }
        if result == nil { result = try reader.finish() }
        let header = result!.header
        return Outcome(
            header: String(decoding: header.bytes, as: UTF8.self), body: String(decoding: body, as: UTF8.self),
            recipients: header.recipients.map(\.address), sender: try header.envelopeSender()?.address)
    }

    private func read(_ text: String) throws -> Outcome { try read([[UInt8](text)]) }

    static let table: [(String, Outcome)] = [
        (
            "To: a@x\r\nSubject: hi\r\n\r\nbody\r\n",
            Outcome(header: "To: a@x\r\nSubject: hi\r\n\r\n", body: "body\r\n", recipients: ["a@x"])
        ),
        (
            "From: Me <me@x>\nTo: a@x, B <b@y>\nCc: c@z\nBcc: hidden@w\nSubject: s\n\nbody\n",
            Outcome(
                header: "From: Me <me@x>\nTo: a@x, B <b@y>\nCc: c@z\nSubject: s\n\n", body: "body\n",
                recipients: ["a@x", "b@y", "c@z", "hidden@w"], sender: "me@x")
        ),
        // Bcc and its continuation lines go; folded To is unfolded.
        (
            "To: a@x,\r\n b@y\r\nBcc: h1@w,\r\n\th2@w\r\nX: 1\r\n\r\n.\r\n",
            Outcome(
                header: "To: a@x,\r\n b@y\r\nX: 1\r\n\r\n", body: ".\r\n", recipients: ["a@x", "b@y", "h1@w", "h2@w"])
        ),
        (
            "BCC: h@w\r\nbcc :g@w\r\nTo: a@x\r\n\r\n",
            Outcome(header: "To: a@x\r\n\r\n", body: "", recipients: ["h@w", "g@w", "a@x"])
        ),
        ("Bcc:\r\nTo: a@x\r\n\r\n", Outcome(header: "To: a@x\r\n\r\n", body: "", recipients: ["a@x"])),
        ("Bcc: h@w\r\n\r\nbody", Outcome(header: "\r\n", body: "body", recipients: ["h@w"])),
        // A header name that only starts with "Bcc" stays.
        (
            "Bcc-Note: x\r\nTo: a@x\r\n\r\n",
            Outcome(header: "Bcc-Note: x\r\nTo: a@x\r\n\r\n", body: "", recipients: ["a@x"])
        ),
        // Groups, quoted commas, duplicates.
        (
            "To: Team: a@x, \"Doe, J\" <j@x>;, a@x\r\nCc: undisclosed-recipients:;\r\n\r\n",
            Outcome(
                header: "To: Team: a@x, \"Doe, J\" <j@x>;, a@x\r\nCc: undisclosed-recipients:;\r\n\r\n", body: "",
                recipients: ["a@x", "j@x"])
        ),
        // Sender wins over From; From's first mailbox otherwise.
        (
            "From: a@x, b@x\r\nSender: s@x\r\nTo: t@y\r\n\r\n",
            Outcome(
                header: "From: a@x, b@x\r\nSender: s@x\r\nTo: t@y\r\n\r\n", body: "", recipients: ["t@y"], sender: "s@x"
            )
        ),
        (
            "From: A <a@x>, b@x\r\nTo: t@y\r\n\r\n",
            Outcome(header: "From: A <a@x>, b@x\r\nTo: t@y\r\n\r\n", body: "", recipients: ["t@y"], sender: "a@x")
        ),
        // Resent: the Resent- fields name recipients and sender; Resent-Bcc goes too.
        (
            "Resent-From: r@x\r\nResent-To: new@y\r\nResent-Bcc: secret@y\r\nFrom: a@x\r\nTo: old@y\r\nBcc: old2@y\r\n\r\n",
            Outcome(
                header: "Resent-From: r@x\r\nResent-To: new@y\r\nFrom: a@x\r\nTo: old@y\r\n\r\n", body: "",
                recipients: ["new@y", "secret@y"], sender: "r@x")
        ),
        // Line endings: bare CR ends lines as it does on the wire, so this Bcc is found.
        (
            "To: a@x\rBcc: h@w\rX: 1\r\rbody\r",
            Outcome(header: "To: a@x\rX: 1\r\r", body: "body\r", recipients: ["a@x", "h@w"])
        ),
        ("To: a@x\r\r\nbody", Outcome(header: "To: a@x\r\r\n", body: "body", recipients: ["a@x"])),
        ("To: a@x\n\r\nbody", Outcome(header: "To: a@x\n\r\n", body: "body", recipients: ["a@x"])),
        // No empty line: the message is all header.
        ("To: a@x\r\nBcc: h@w", Outcome(header: "To: a@x\r\n", body: "", recipients: ["a@x", "h@w"])),
        ("To: a@x", Outcome(header: "To: a@x", body: "", recipients: ["a@x"])),
        ("To: a@x\r", Outcome(header: "To: a@x\r", body: "", recipients: ["a@x"])),
        ("", Outcome(header: "", body: "", recipients: [])),
        ("\r\nbody", Outcome(header: "\r\n", body: "body", recipients: [])),
        // A line that is not a field ends the header; it and the rest are body, unchanged.
        (
            "To: a@x\r\nnot a field\r\nBcc: h@w\r\n\r\n",
            Outcome(header: "To: a@x\r\n", body: "not a field\r\nBcc: h@w\r\n\r\n", recipients: ["a@x"])
        ),
        (
            "From sender@x Mon Jan  1 00:00:00 2024\nTo: a@x\n\n",
            Outcome(header: "", body: "From sender@x Mon Jan  1 00:00:00 2024\nTo: a@x\n\n", recipients: [])
        ),
        (
            " leading space\r\nTo: a@x\r\n\r\n",
            Outcome(header: "", body: " leading space\r\nTo: a@x\r\n\r\n", recipients: [])
        ),
        (": no name\r\n\r\n", Outcome(header: "", body: ": no name\r\n\r\n", recipients: [])),
        ("To : a@x\r\n\r\n", Outcome(header: "To : a@x\r\n\r\n", body: "", recipients: ["a@x"])),
        (
            "tO: a@x\r\ncC: b@y\r\n\r\n",
            Outcome(header: "tO: a@x\r\ncC: b@y\r\n\r\n", body: "", recipients: ["a@x", "b@y"])
        ),
        (
            "Subject: Grüße\r\nTo: jürgen@bücher.example\r\n\r\nü",
            Outcome(
                header: "Subject: Grüße\r\nTo: jürgen@bücher.example\r\n\r\n", body: "ü",
                recipients: ["jürgen@bücher.example"])
        ),
    ]

    func testTable() throws {
        for (input, expected) in Self.table {
            XCTAssertEqual(try read(input), expected, input.debugDescription)
        }
    }

    func testSplitAtEveryPosition() throws {
        for (input, expected) in Self.table {
            let bytes = [UInt8](input)
            for cut in 0...bytes.count {
                XCTAssertEqual(
                    try read([Array(bytes[..<cut]), Array(bytes[cut...])]), expected,
                    "\(input.debugDescription) cut at \(cut)")
            }
            XCTAssertEqual(try read(bytes.map { [$0] }), expected, "\(input.debugDescription) byte by byte")
        }
    }

    func testHeaderAndBodyThroughTheEncoderGiveTheSameWireAsTheMessageLessBcc() throws {
        for (input, expected) in Self.table {
            let bytes = [UInt8](input)
            for cut in 0...bytes.count {
                var reader = MessageHeaderReader()
                var encoder = SMTPDataEncoder()
                var wire: [UInt8] = []
                var streamingBody = false
                for piece in [Array(bytes[..<cut]), Array(bytes[cut...])] {
                    if streamingBody {
                        wire += encoder.encode(piece)
                        continue
                    }
                    if let result = try reader.consume(piece) {
                        wire += encoder.encode(result.header.bytes) + encoder.encode(result.body)
                        streamingBody = true
                    }
                }
                if !streamingBody {
                    let result = try reader.finish()
                    wire += encoder.encode(result.header.bytes) + encoder.encode(result.body)
                }
                wire += encoder.finish()
                var whole = SMTPDataEncoder()
                let direct = whole.encode([UInt8](expected.header + expected.body)) + whole.finish()
                XCTAssertEqual(wire, direct, "\(input.debugDescription) cut at \(cut)")
            }
        }
    }

    func testBadRecipientField() {
        let table: [(String, String)] = [
            ("To: Smith, John <j@x>\r\n\r\n", "In the message's To field: \"Smith\" is not an address (no '@')"),
            ("Cc: <a@x\r\n\r\n", "In the message's Cc field: '<' without '>'"),
            ("Bcc: a b@x\r\n\r\n", "In the message's Bcc field: a name where an address was expected"),
            ("Resent-To: x\r\n\r\n", "In the message's Resent-To field: \"x\" is not an address (no '@')"),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try read(input), input.debugDescription) { error in
                XCTAssertEqual(error as? SMTPError, SMTPError(.badAddress, message), input.debugDescription)
            }
        }
    }

    func testBrokenFromMattersOnlyWhenAskedFor() throws {
        var reader = MessageHeaderReader()
        let result = try XCTUnwrap(try reader.consume([UInt8]("From: not an address\r\nTo: a@x\r\n\r\n")))
        XCTAssertEqual(result.header.recipients.map(\.address), ["a@x"])
        XCTAssertThrowsError(try result.header.envelopeSender()) { error in
            XCTAssertEqual(
                error as? SMTPError,
                SMTPError(.badAddress, "In the message's From field: a name where an address was expected"))
        }
    }

    func testNoSender() throws {
        XCTAssertNil(try read("To: a@x\r\n\r\n").sender)
        XCTAssertNil(try read("From: Group:;\r\n\r\n").sender)
    }

    func testHeaderSizeLimit() throws {
        let field = "X-Filler: " + String(repeating: "f", count: 1000) + "\r\n"
        let fits = String(repeating: field, count: 999) + "To: a@x\r\n\r\nbody"
        XCTAssertEqual(try read(fits).recipients, ["a@x"])

        let oneLongLine = "X: " + String(repeating: "y", count: MessageHeaderReader.maxHeaderSize)
        for pieces in [[[UInt8](oneLongLine)], Array([UInt8](oneLongLine)).chunked(4096)] {
            XCTAssertThrowsError(try read(pieces)) { error in
                XCTAssertEqual(
                    error as? SMTPError, SMTPError(.messageHeaderTooLarge, "Message header too large (limit 1 MiB)"))
            }
        }
    }

    func testFieldCountLimit() throws {
        let most = String(repeating: "X: 1\r\n", count: MessageHeaderReader.maxFieldCount - 1) + "To: a@x\r\n\r\n"
        XCTAssertEqual(try read(most).recipients, ["a@x"])
        let tooMany = String(repeating: "X: 1\r\n", count: MessageHeaderReader.maxFieldCount) + "To: a@x\r\n\r\n"
        XCTAssertThrowsError(try read(tooMany)) { error in
            XCTAssertEqual(
                error as? SMTPError,
                SMTPError(.messageHeaderTooLarge, "Message header has too many fields (limit 1000)"))
        }
    }

    func testEndlessHeaderFedInPiecesStopsAtTheLimit() {
        var reader = MessageHeaderReader()
        let piece = [UInt8]("X-Endless: " + String(repeating: "z", count: 4000) + "\r\n\t")
        var fed = 0
        XCTAssertThrowsError(
            try {
                while true {
                    _ = try reader.consume(piece)
                    fed += piece.count
                }
            }()
        ) { error in
            XCTAssertEqual((error as? SMTPError)?.kind, .messageHeaderTooLarge)
        }
        XCTAssertLessThanOrEqual(fed, MessageHeaderReader.maxHeaderSize)
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
