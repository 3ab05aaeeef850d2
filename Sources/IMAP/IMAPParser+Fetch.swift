import Codec

extension IMAPParser {
    /// A FETCH attribute's name, parsed before its value.
    enum AttributeName {
        case uid, flags, rfc822Size, internalDate
        case body(IMAPFetchBodyItem)
        case other(String)
    }

    //  msg-att         = "(" (msg-att-dynamic / msg-att-static)
    //                     *(SP (msg-att-dynamic / msg-att-static)) ")"
    //  Tolerated: "()" (no attribute); after a body literal on the response's last line, text
    //  up to its final ")" that is neither SP nor ")" (curl's test 897 "extra stuff ... after
    //  the body)"): the body arrived whole, counted by its literal, so the text is ignored.
    mutating func parseMessageAttributes() throws -> [IMAPMessageAttribute] {
        try enterList()
        var attributes: [IMAPMessageAttribute] = []
        if peek() != .closeParen {
            repeat {
                let name = try parseAttributeName()
                try space()
                let lineBefore = lineIndex
                attributes.append(try parseAttributeValue(name))
                if lineIndex != lineBefore, offset == 0, isOnLastLine, depth == 1, line.last == .closeParen,
                    let next = peek(), next != .space, next != .closeParen
                {
                    offset = line.count - 1
                }
            } while skip(.space)
        }
        try leaveList()
        return attributes
    }

    static let fixedAttributeNames: [([UInt8], AttributeName)] = [
        ("UID", .uid), ("FLAGS", .flags), ("RFC822.SIZE", .rfc822Size), ("INTERNALDATE", .internalDate),
        ("RFC822", .body(IMAPFetchBodyItem(kind: .rfc822))),
        ("RFC822.HEADER", .body(IMAPFetchBodyItem(kind: .rfc822Header))),
        ("RFC822.TEXT", .body(IMAPFetchBodyItem(kind: .rfc822Text))),
    ].map { (Array($0.utf8), $1) }

    static let body = Array("BODY".utf8)
    static let binary = Array("BINARY".utf8)

    /// Whether `raw` is `upper` in any case: a plain loop, for the names every message brings.
    static func matches(_ raw: ArraySlice<UInt8>, upperCase upper: [UInt8]) -> Bool {
        guard raw.count == upper.count else { return false }
        var i = raw.startIndex
        for byte in upper {
            guard raw[i].asciiUppercased == byte else { return false }
            i += 1
        }
        return true
    }

    //  msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"
    //  msg-att-static  = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time /
    //                    "RFC822" [".HEADER" / ".TEXT"] SP nstring /
    //                    "RFC822.SIZE" SP number / "BODY" ["STRUCTURE"] SP body /
    //                    "BODY" section ["<" number ">"] SP nstring /
    //                    "UID" SP uniqueid
    //  msg-att-static  =/ "BINARY" section-binary ["<" number ">"] SP
    //                     (nstring / literal8)                             ; RFC 3516
    //  section-binary  = "[" [section-part] "]"
    //  Other names (extensions): an atom, with "[...]" and "<n>" kept as part of the name.
    mutating func parseAttributeName() throws -> AttributeName {
        let start = offset
        while let byte = peek(), byte.isAtomChar, byte != .openBracket, byte != .lessThan { offset += 1 }
        guard offset > start else {
            if isAtLineEnd { throw endFailure("FETCH attribute") }
            throw Failure.badBytes("FETCH attribute expected, found \(describe(line[offset]))")
        }
        // The names every message brings are matched on the bytes: no string per attribute.
        let raw = line[start..<offset]
        for (known, name) in Self.fixedAttributeNames where Self.matches(raw, upperCase: known) { return name }
        // BODY[...] (every message's body) without an array for the upper case.
        let name: String
        if Self.matches(raw, upperCase: Self.body) {
            name = "BODY"
        } else if Self.matches(raw, upperCase: Self.binary) {
            name = "BINARY"
        } else {
            name = String(decoding: raw.map(\.asciiUppercased), as: UTF8.self)
        }
        switch name {
        case "BODY", "BINARY":
            guard skip(.openBracket) else { return .other(name) }
            let section = try parseSectionSpec(closing: .closeBracket)
            try expect(.closeBracket, "']'")
            if name == "BINARY" && section.text != nil { throw Failure.badBytes("BINARY section with a text part") }
            var origin: UInt32?
            if skip(.lessThan) {
                origin = try parseNumber("origin")
                try expect(.greaterThan, "'>'")
            }
            return .body(IMAPFetchBodyItem(kind: name == "BODY" ? .body : .binary, section: section, origin: origin))
        default:
            guard peek() == .openBracket || peek() == .lessThan else { return .other(name) }
            let rawStart = offset
            if skip(.openBracket) {
                while let byte = peek(), byte != .closeBracket { offset += 1 }
                try expect(.closeBracket, "']'")
            }
            if skip(.lessThan) {
                _ = try parseNumber("origin")
                try expect(.greaterThan, "'>'")
            }
            return .other(name + String(decoding: line[rawStart..<offset].map(\.asciiUppercased), as: UTF8.self))
        }
    }

    //  uniqueid        = nz-number
    //  date-time       = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    //  nstring         = string / nil
    mutating func parseAttributeValue(_ name: AttributeName) throws -> IMAPMessageAttribute {
        switch name {
        case .uid:
            return .uid(try parseNZNumber("UID"))
        case .flags:
            return .flags(try parseFlagList())
        case .rfc822Size:
            return .rfc822Size(try parseNumber64("RFC822.SIZE"))
        case .internalDate:
            let text = try parseString("INTERNALDATE")
            guard let date = IMAPInternalDate(text) else {
                throw Failure.badBytes("invalid INTERNALDATE \"\(printable(text, limit: 40))\"")
            }
            return .internalDate(date)
        case .body(let item):
            return .body(item, try parseBodyData(allowBinary: item.kind == .binary))
        case .other(let name):
            return .other(name, try parseDatum())
        }
    }

    /// A body section's value: NIL, a quoted string, or a literal (collected, streamed or
    /// discarded, as the reader's caller chose).
    mutating func parseBodyData(allowBinary: Bool) throws -> IMAPBodyData {
        if skipNIL() { return .null }
        if peek() == .quote { return .bytes(try parseQuoted()) }
        guard isAtLiteral() else {
            if isAtLineEnd { throw endFailure("body data") }
            throw Failure.badBytes("body data expected, found \(describe(line[offset]))")
        }
        let literal = try parseLiteral(allowBinary: allowBinary)
        switch literal.content {
        case .bytes(let bytes): return .bytes(bytes)
        case .streamed: return .streamed(size: literal.size)
        case .discarded: return .discarded(size: literal.size)
        }
    }

    //  section-spec    = section-msgtext / (section-part ["." section-text])
    //  section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
    //  section-part    = nz-number *("." nz-number)
    //  section-text    = section-msgtext / "MIME"
    //  header-list     = "(" header-fld-name *(SP header-fld-name) ")"
    //  header-fld-name = astring
    /// A section-spec, possibly empty, up to `closing` (`]`) or the end of the line when nil.
    mutating func parseSectionSpec(closing: UInt8?) throws -> IMAPSection {
        var section = IMAPSection()
        func atClose() -> Bool { closing == nil ? isAtLineEnd : peek() == closing }
        if atClose() { return section }
        while let byte = peek(), byte.isASCIIDigit {
            section.part.append(try parseNZNumber("section part"))
            guard skip(.dot) else { return section }
        }
        let start = offset
        while let byte = peek(), byte.isASCIILetter || byte == .dot { offset += 1 }
        let word = String(decoding: line[start..<offset].map(\.asciiUppercased), as: UTF8.self)
        switch word {
        case "HEADER": section.text = .header
        case "TEXT": section.text = .text
        case "MIME":
            guard !section.part.isEmpty else { throw Failure.badBytes("MIME section without a part number") }
            section.text = .mime
        case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
            try space()
            try enterList()
            var names: [String] = []
            repeat {
                names.append(
                    String(decoding: try parseAString("header field name").map(\.asciiUppercased), as: UTF8.self))
            } while skip(.space)
            try leaveList()
            section.text = word == "HEADER.FIELDS" ? .headerFields(names) : .headerFieldsNot(names)
        default:
            if word.isEmpty, isAtLineEnd { throw endFailure("section") }
            throw Failure.badBytes("invalid section \"\(printable(Array(word.utf8), limit: 40))\"")
        }
        return section
    }

    // MARK: Which literal is a message body

    /// For an incomplete frame whose last line announces a literal: when the response is a
    /// FETCH and the literal is the value of a body item (BODY[...], BINARY[...], RFC822...),
    /// that item with what preceded it; nil when the literal is something else (a string in an
    /// ENVELOPE, a LIST mailbox name...).
    /// - Throws: `Failure.badBytes` when the response is already malformed.
    mutating func pendingBodyLiteral() throws -> IMAPFetchBodyContext? {
        do {
            guard skip(.asterisk), skip(.space), peek()?.isASCIIDigit == true else { return nil }
            let number = try parseNumber("message number")
            try space()
            guard try parseKeyword() == "FETCH" else { return nil }
            guard number != 0 else { throw Failure.badBytes("message number 0 in FETCH") }
            try space()
            try enterList()
            var attributes: [IMAPMessageAttribute] = []
            repeat {
                let name = try parseAttributeName()
                try space()
                if case .body(let item) = name, let size = pendingLiteralSize() {
                    return IMAPFetchBodyContext(
                        sequenceNumber: number, item: item, attributesBefore: attributes, size: size)
                }
                attributes.append(try parseAttributeValue(name))
            } while skip(.space)
            try leaveList()
            try expectEnd()
            return nil
        } catch Failure.needMoreBytes {
            return nil
        }
    }

    /// The size of the literal announced at the current position when it is the one that has
    /// not arrived yet.
    func pendingLiteralSize() -> UInt64? {
        guard !isComplete, isOnLastLine, lineIndex == frame.literals.count, isAtLiteral() else { return nil }
        var lookahead = self
        _ = lookahead.skip(.tilde)
        guard lookahead.skip(.openBrace), let size = try? lookahead.parseNumber64(),
            lookahead.skip(.closeBrace), lookahead.isAtLineEnd
        else { return nil }
        return size
    }
}
