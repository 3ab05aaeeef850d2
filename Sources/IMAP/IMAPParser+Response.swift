import Codec

#if canImport(Glibc)
    import Glibc
#endif

extension IMAPResponse {
    /// Parses a complete frame (as `IMAPResponseReader` returns it).
    /// - Throws: `IMAPError(.malformedResponse)` naming what is wrong and quoting the start of
    ///   the first line, made printable.
    public init(frame: IMAPResponseFrame, limits: IMAPLimits = .default) throws(IMAPError) {
        var parser = IMAPParser(frame: frame, limits: limits, isComplete: true)
        do {
            try IMAPParser.checkLines(frame.lines)
            self = try parser.parseResponse()
        } catch {
            throw IMAPParser.error(error, frame: frame)
        }
    }
}

extension IMAPParser {
    /// The error a parse failure becomes for the user.
    static func error(_ error: any Error, frame: IMAPResponseFrame) -> IMAPError {
        if let error = error as? IMAPError { return error }
        let reason: String
        switch error as? Failure {
        case .badBytes(let what): reason = what
        case .needMoreBytes, nil: reason = "the response ends early"
        }
        return IMAPError.malformed(
            "Malformed response from server (\(reason)): \(printable(frame.lines.first ?? [], limit: 200))")
    }

    /// A line of a response holds neither NUL nor CR (its CR LF is already gone).
    static func checkLines(_ lines: [[UInt8]]) throws {
        for line in lines { try checkLine(line) }
    }

    static func checkLine(_ line: [UInt8]) throws {
        // Two scans by the C library's word-wide memchr rather than a test per byte.
        let clean = line.withUnsafeBytes { raw in
            raw.isEmpty
                || (memchr(raw.baseAddress!, 0, raw.count) == nil && memchr(raw.baseAddress!, 0x0D, raw.count) == nil)
        }
        if !clean { throw Failure.badBytes("NUL or CR inside a line") }
    }

    //  response        = continue-req / response-data / response-tagged
    //  continue-req    = "+" SP (resp-text / base64) CRLF
    //  response-tagged = tag SP resp-cond-state CRLF
    //  resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
    //  tag             = 1*<any ASTRING-CHAR except "+">
    mutating func parseResponse() throws -> IMAPResponse {
        switch try current("response") {
        case .plus:
            offset += 1
            if isAtLineEnd {
                try expectEnd()
                return .continuation(IMAPContinuationRequest(text: []))
            }
            try space()
            let text = Array(restOfLine())
            try expectEnd()
            return .continuation(IMAPContinuationRequest(text: text))
        case .asterisk:
            offset += 1
            try space()
            let untagged = try parseUntagged()
            try expectEnd()
            return .untagged(untagged)
        default:
            let start = offset
            while let byte = peek(), byte.isAStringChar, byte != .plus { offset += 1 }
            guard offset > start else {
                throw Failure.badBytes("tag, '*' or '+' expected, found \(describe(line[offset]))")
            }
            let tag = String(decoding: line[start..<offset], as: UTF8.self)
            try space()
            let status: IMAPResponseStatus
            switch try parseKeyword("status") {
            case "OK": status = .ok
            case "NO": status = .no
            case "BAD": status = .bad
            case let other:
                throw Failure.badBytes(
                    "OK, NO or BAD expected after the tag, found \(printable(Array(other.utf8), limit: 40))")
            }
            let text = try parseResponseText()
            try expectEnd()
            return .tagged(IMAPTaggedResponse(tag: tag, status: status, text: text))
        }
    }

    //  response-data   = "*" SP (resp-cond-state / resp-cond-bye /
    //                    mailbox-data / message-data / capability-data) CRLF
    //  mailbox-data    = "FLAGS" SP flag-list / "LIST" SP mailbox-list /
    //                    "LSUB" SP mailbox-list / "SEARCH" *(SP nz-number) /
    //                    "STATUS" SP mailbox SP "(" [status-att-list] ")" /
    //                    number SP "EXISTS" / number SP "RECENT"
    //  message-data    = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
    //  enable-data     = "ENABLED" *(SP capability)                 ; RFC 5161
    //  id-response     = "ID" SP id-params-list                      ; RFC 2971
    mutating func parseUntagged() throws -> IMAPUntaggedResponse {
        if try current("response data").isASCIIDigit {
            let number = try parseNumber("message number")
            try space()
            let keyword = try parseKeyword()
            switch keyword {
            case "EXISTS": return .exists(number)
            case "RECENT": return .recent(number)
            case "EXPUNGE", "FETCH":
                guard number != 0 else { throw Failure.badBytes("message number 0 in \(keyword)") }
                if keyword == "EXPUNGE" { return .expunge(number) }
                try space()
                return .fetch(IMAPFetchResponse(sequenceNumber: number, attributes: try parseMessageAttributes()))
            default:
                skipToEnd()
                return .other(keyword: keyword, number: number)
            }
        }
        let keyword = try parseKeyword()
        switch keyword {
        case "OK", "NO", "BAD", "PREAUTH", "BYE":
            return .condition(IMAPResponseStatus(rawValue: keyword)!, try parseResponseText())
        case "CAPABILITY":
            return .capability(try parseCapabilities(until: nil))
        case "ENABLED":
            return .enabled(try parseCapabilities(until: nil).names)
        case "ID":
            try space()
            return .id(try parseIDParameters())
        case "FLAGS":
            try space()
            return .flags(try parseFlagList())
        case "LIST":
            try space()
            return .list(try parseMailboxList())
        case "LSUB":
            try space()
            return .lsub(try parseMailboxList())
        case "SEARCH":
            return .search(try parseSearchResults())
        case "STATUS":
            try space()
            return .status(try parseMailboxStatus())
        default:
            skipToEnd()
            return .other(keyword: keyword, number: nil)
        }
    }
}
