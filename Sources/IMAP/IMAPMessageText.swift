import Codec

/// A message as APPEND sends it: RFC 3501 section 6.3.11 wants RFC 5322 text, whose lines end
/// with CR LF, and servers store what they get (Dovecot counts and returns the octets as sent).
/// A file written on Unix ends its lines with LF alone, so each bare LF gains its CR; a CR LF
/// already there, and a CR alone, stay as they are. (curl sends the file's bytes unchanged.)
public enum IMAPMessageText {
    public static func withCRLF(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 32)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == .lf && previous != .cr { output.append(.cr) }
            output.append(byte)
            previous = byte
        }
        return output
    }
}
