import Codec

/// RFC 2045 6.7 quoted-printable for text: line breaks (LF or CR LF) become CR LF, `=` and
/// bytes outside printable ASCII become `=XX`, white space before a line break is encoded, and
/// lines are broken with a soft `=` before 76 characters. `=` is always followed by two hex
/// digits or a line break, so no output line can hold a boundary with `=_` in it.
struct QuotedPrintableEncoder: Sendable {
    /// Characters per line before the soft break's `=` (RFC 2045 6.7 rule 5: 76 with it).
    static let maxColumn = 75
    private var column = 0
    private var pendingSpace: UInt8?
    private var pendingCR = false

    mutating func encode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        for byte in bytes { take(byte, into: &output) }
    }

    mutating func finish(into output: inout [UInt8]) {
        if pendingCR {
            flushSpaceLiterally(into: &output)
            put(Self.escaped(.cr), into: &output)
            pendingCR = false
        }
        if let space = pendingSpace {
            put(Self.escaped(space), into: &output)  // before the delimiter's line break
            pendingSpace = nil
        }
    }

    private mutating func take(_ byte: UInt8, into output: inout [UInt8]) {
        if pendingCR {
            pendingCR = false
            if byte == .lf {
                endLine(into: &output)
                return
            }
            flushSpaceLiterally(into: &output)
            put(Self.escaped(.cr), into: &output)
        }
        switch byte {
        case .cr: pendingCR = true
        case .lf: endLine(into: &output)
        case .space, .tab:
            flushSpaceLiterally(into: &output)
            pendingSpace = byte
        default:
            flushSpaceLiterally(into: &output)
            //  safe-char := <any octet with decimal value of 33 through 60 inclusive,
            //               and 62 through 126>
            let literal = (33...60).contains(byte) || (62...126).contains(byte)
            put(literal ? [byte] : Self.escaped(byte), into: &output)
        }
    }

    private mutating func endLine(into output: inout [UInt8]) {
        if let space = pendingSpace {
            put(Self.escaped(space), into: &output)
            pendingSpace = nil
        }
        output += [.cr, .lf]
        column = 0
    }

    private mutating func flushSpaceLiterally(into output: inout [UInt8]) {
        if let space = pendingSpace {
            put([space], into: &output)
            pendingSpace = nil
        }
    }

    private mutating func put(_ token: [UInt8], into output: inout [UInt8]) {
        if column + token.count > Self.maxColumn {
            output += [UInt8(ascii: "="), .cr, .lf]
            column = 0
        }
        output += token
        column += token.count
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    static func escaped(_ byte: UInt8) -> [UInt8] {
        [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
    }
}
