extension IMAPParser {
    //  resp-text       = ["[" resp-text-code "]" SP] text
    //  text            = 1*TEXT-CHAR
    //  Tolerated: no SP and text at all (`* OK`, `A1 OK [READ-ONLY]`), no SP after "]".
    mutating func parseResponseText() throws -> IMAPResponseText {
        if isAtLineEnd { return IMAPResponseText(text: "") }
        try space()
        var code: IMAPResponseCode?
        if skip(.openBracket) {
            code = try parseResponseCode()
            try expect(.closeBracket, "']'")
            _ = skip(.space)
        }
        return IMAPResponseText(code: code, text: String(decoding: restOfLine(), as: UTF8.self))
    }

    //  resp-text-code  = "ALERT" /
    //                    "BADCHARSET" [SP "(" astring *(SP astring) ")" ] /
    //                    capability-data / "PARSE" /
    //                    "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
    //                    "READ-ONLY" / "READ-WRITE" / "TRYCREATE" /
    //                    "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
    //                    "UNSEEN" SP nz-number /
    //                    atom [SP 1*<any TEXT-CHAR except "]">]
    //  Tolerated: UIDNEXT 0 is not (a client must never see it), arguments after the codes
    //  that take none (ignored).
    mutating func parseResponseCode() throws -> IMAPResponseCode {
        let name = try parseKeyword("response code")
        switch name {
        case "ALERT":
            skipCodeArguments()
            return .alert
        case "PARSE":
            skipCodeArguments()
            return .parse
        case "READ-ONLY":
            skipCodeArguments()
            return .readOnly
        case "READ-WRITE":
            skipCodeArguments()
            return .readWrite
        case "TRYCREATE":
            skipCodeArguments()
            return .tryCreate
        case "CAPABILITY": return .capability(try parseCapabilities(until: .closeBracket))
        case "UIDNEXT":
            try space()
            return .uidNext(try parseNZNumber("UIDNEXT"))
        case "UIDVALIDITY":
            try space()
            return .uidValidity(try parseNZNumber("UIDVALIDITY"))
        case "UNSEEN":
            try space()
            return .unseen(try parseNZNumber("UNSEEN"))
        case "PERMANENTFLAGS":
            try space()
            return .permanentFlags(try parseFlagList())
        case "BADCHARSET":
            var names: [String] = []
            if skip(.space) {
                try enterList()
                repeat {
                    names.append(String(decoding: try parseAString("charset"), as: UTF8.self))
                } while skip(.space)
                try leaveList()
            }
            return .badCharset(names)
        default:
            guard skip(.space) else { return .other(name, nil) }
            let start = offset
            while let byte = peek(), byte != .closeBracket { offset += 1 }
            return .other(name, String(decoding: line[start..<offset], as: UTF8.self))
        }
    }

    private mutating func skipCodeArguments() {
        guard peek() == .space else { return }
        while let byte = peek(), byte != .closeBracket { offset += 1 }
    }

    //  capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)
    //  capability      = ("AUTH=" auth-type) / atom
    //  Tolerated: several SP, a trailing SP; IMAP4rev1 missing.
    /// The capabilities after the keyword, up to the end of the line or `terminator` (`]`).
    mutating func parseCapabilities(until terminator: UInt8?) throws -> IMAPCapabilities {
        var names: [String] = []
        while true {
            if isAtLineEnd {
                if terminator != nil { throw endFailure("']'") }
                break
            }
            if let terminator, peek() == terminator { break }
            try space()
            while skip(.space) {}
            if isAtLineEnd || peek() == terminator { break }
            names.append(try parseKeyword("capability"))
        }
        return IMAPCapabilities(names)
    }

    //  flag-list       = "(" [flag *(SP flag)] ")"
    //  flag            = "\Answered" / ... / flag-keyword / flag-extension
    //  flag-perm       = flag / "\*"
    //  flag-keyword    = atom
    //  flag-extension  = "\" atom
    //  mbx-list-flags  = ... "\" atom ...   (LIST attributes)
    mutating func parseFlagList() throws -> [IMAPFlag] {
        try enterList()
        var flags: [IMAPFlag] = []
        if peek() != .closeParen {
            repeat {
                flags.append(try parseFlag())
            } while skip(.space)
        }
        try leaveList()
        return flags
    }

    mutating func parseFlag() throws -> IMAPFlag {
        if skip(.backslash) {
            if skip(.asterisk) { return .wildcard }
            return IMAPFlag("\\" + String(decoding: try parseAtom("flag"), as: UTF8.self))
        }
        return IMAPFlag(String(decoding: try parseAtom("flag"), as: UTF8.self))
    }
}
