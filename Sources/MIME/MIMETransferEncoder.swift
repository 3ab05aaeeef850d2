import Codec

/// Encodes one part's content for its `Content-Transfer-Encoding`, in pieces of any size
/// (content is streamed from files). A value-type state machine with no I/O. Line breaks in
/// the output are CR LF; the output never ends with one (the boundary delimiter brings it).
public struct MIMETransferEncoder: Sendable {
    /// RFC 2045 6.7 and 6.8: encoded lines are at most 76 characters.
    public static let maxEncodedLineLength = 76
    /// RFC 5321 4.5.3.1.6 and RFC 2045 2.8: lines of 7bit and 8bit data are at most 998 bytes.
    public static let maxLineLength = 998

    public let encoding: ContentTransferEncoding
    private var base64 = Base64LineEncoder()
    private var quoted = QuotedPrintableEncoder()
    private var lineLength = 0

    public init(_ encoding: ContentTransferEncoding) { self.encoding = encoding }

    /// Appends the encoding of `bytes` to `output`.
    /// - Throws: `MIMEError(.notSevenBit)` for a `7bit` part with an 8-bit byte, a NUL or an
    ///   over-long line.
    public mutating func encode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) throws(MIMEError) {
        switch encoding {
        case .base64: base64.encode(bytes, into: &output)
        case .quotedPrintable: quoted.encode(bytes, into: &output)
        case .eightBit, .binary: output.append(contentsOf: bytes)
        case .sevenBit:
            for byte in bytes {
                guard byte < 0x80 && byte != 0 else {
                    throw MIMEError(.notSevenBit, "A part declared 7bit holds an 8-bit byte or a NUL")
                }
                lineLength = byte == .lf ? 0 : byte == .cr ? lineLength : lineLength + 1
                guard lineLength <= Self.maxLineLength else {
                    throw MIMEError(.notSevenBit, "A part declared 7bit has a line over 998 bytes")
                }
            }
            output.append(contentsOf: bytes)
        }
    }

    /// Appends what is still held back (the last base64 group, trailing white space).
    public mutating func finish(into output: inout [UInt8]) {
        switch encoding {
        case .base64: base64.finish(into: &output)
        case .quotedPrintable: quoted.finish(into: &output)
        case .sevenBit, .eightBit, .binary: break
        }
    }

    /// The whole encoding of `bytes` at once (for text given on the command line).
    public static func encode(
        _ bytes: some Collection<UInt8>, as encoding: ContentTransferEncoding
    ) throws(MIMEError)
        -> [UInt8]
    {
        var encoder = MIMETransferEncoder(encoding)
        var output: [UInt8] = []
        try encoder.encode(bytes, into: &output)
        encoder.finish(into: &output)
        return output
    }
}

/// RFC 2045 6.8 base64 in lines of 76 characters, three bytes at a time.
struct Base64LineEncoder: Sendable {
    private var pending: [UInt8] = []
    private var column = 0

    mutating func encode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        for byte in bytes {
            pending.append(byte)
            if pending.count == 3 { emit(into: &output) }
        }
    }

    mutating func finish(into output: inout [UInt8]) {
        if !pending.isEmpty { emit(into: &output) }
    }

    private mutating func emit(into output: inout [UInt8]) {
        if column == MIMETransferEncoder.maxEncodedLineLength {
            output += [.cr, .lf]
            column = 0
        }
        output += Array(Base64.encode(pending).utf8)
        column += 4
        pending.removeAll(keepingCapacity: true)
    }
}
