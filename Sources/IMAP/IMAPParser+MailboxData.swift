extension IMAPParser {
    //  mailbox         = "INBOX" / astring
    mutating func parseMailbox() throws -> IMAPMailboxName {
        IMAPMailboxName(wire: try parseAString("mailbox name"))
    }

    //  mailbox-list    = "(" [mbx-list-flags] ")" SP
    //                     (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //  mbx-list-flags  = *(mbx-list-oflag SP) mbx-list-sflag
    //                    *(SP mbx-list-oflag) /
    //                    mbx-list-oflag *(SP mbx-list-oflag)
    //  mailbox-list    =/ ... [SP "(" mbox-list-extended ")"]               ; RFC 5258, ignored
    //  Tolerated: any "\"-flag or atom as attribute.
    mutating func parseMailboxList() throws -> IMAPListEntry {
        let attributes = try parseFlagList()
        try space()
        var delimiter: UInt8?
        if !skipNIL() {
            let quoted = try parseQuoted()
            guard quoted.count == 1 else { throw Failure.badBytes("hierarchy delimiter of \(quoted.count) characters") }
            delimiter = quoted[0]
        }
        try space()
        let name = try parseMailbox()
        if skip(.space) {
            guard peek() == .openParen else {
                throw Failure.badBytes("'(' expected, found \(peek().map(describe) ?? "the end")")
            }
            _ = try parseDatum()
        }
        return IMAPListEntry(attributes: attributes, delimiter: delimiter, name: name)
    }

    //  mailbox-data    =/ "SEARCH" *(SP nz-number)
    //  search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"    ; RFC 7162, ignored
    //  Tolerated: a trailing SP.
    mutating func parseSearchResults() throws -> [UInt32] {
        var numbers: [UInt32] = []
        while skip(.space) {
            if isAtLineEnd { break }
            if peek() == .openParen {
                _ = try parseDatum()
                break
            }
            numbers.append(try parseNZNumber("search result"))
        }
        return numbers
    }

    //  mailbox-data    =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
    //  status-att-list = status-att SP number *(SP status-att SP number)
    //  status-att      = "MESSAGES" / "RECENT" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN"
    //  Tolerated: other attribute names (RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE), 63-bit values.
    mutating func parseMailboxStatus() throws -> IMAPMailboxStatus {
        let mailbox = try parseMailbox()
        try space()
        try enterList()
        var items: [String: UInt64] = [:]
        if peek() != .closeParen {
            repeat {
                let name = try parseKeyword("status attribute")
                try space()
                items[name] = try parseNumber64("status value")
            } while skip(.space)
        }
        try leaveList()
        return IMAPMailboxStatus(mailbox: mailbox, items: items)
    }

    //  id-params-list  = "(" *(string SP nstring) ")" / nil
    //  Tolerated: SP between pairs (as RFC 2971's examples and every server write them).
    mutating func parseIDParameters() throws -> [IMAPIDParameter]? {
        if skipNIL() { return nil }
        try enterList()
        var parameters: [IMAPIDParameter] = []
        while peek() != .closeParen {
            if !parameters.isEmpty { try space() }
            let key = String(decoding: try parseString("ID field name"), as: UTF8.self)
            try space()
            let value = try parseNString("ID field value").map { String(decoding: $0, as: UTF8.self) }
            parameters.append(IMAPIDParameter(key: key, value: value))
            if isAtLineEnd { throw endFailure("')'") }
        }
        try leaveList()
        return parameters
    }

    //  datum           = nil / number / atom / "\" atom / string / "(" [datum *(SP datum)] ")"
    //  (not RFC 3501's: what ENVELOPE, BODYSTRUCTURE and extension data are all made of)
    //  Tolerated: several SP between elements.
    mutating func parseDatum() throws -> IMAPDatum {
        let byte = try current("value")
        switch byte {
        case .openParen:
            try enterList()
            var items: [IMAPDatum] = []
            while true {
                while skip(.space) {}
                if peek() == .closeParen { break }
                items.append(try parseDatum())
                if peek() != .space && peek() != .closeParen {
                    if isAtLineEnd { throw endFailure("')'") }
                    throw Failure.badBytes("SP or ')' expected, found \(describe(line[offset]))")
                }
            }
            try leaveList()
            return .list(items)
        case .quote:
            return .string(try parseQuoted())
        case .openBrace, .tilde:
            let literal = try parseLiteral(allowBinary: true)
            guard case .bytes(let bytes) = literal.content else {
                throw Failure.badBytes("a streamed literal where a value should be")
            }
            return .string(bytes)
        case .backslash:
            offset += 1
            return .atom("\\" + String(decoding: try parseAtom(), as: UTF8.self))
        default:
            if skipNIL() { return .null }
            let atom = try parseAtom("value")
            if atom.allSatisfy(\.isASCIIDigit), atom.count <= 18,
                let number = UInt64(String(decoding: atom, as: UTF8.self))
            {
                return .number(number)
            }
            return .atom(String(decoding: atom, as: UTF8.self))
        }
    }
}
