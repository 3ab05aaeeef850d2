/// Decodes a chunked body (RFC 9112 section 7.1) from byte buffers as they arrive: a value-type
/// state machine with no I/O, fed any split of the stream, handing back where the body bytes are.
///
/// Limits: at most 16 hex digits per size (a size over 64 bits is refused, never wrapped), a
/// size line of at most 4 KiB (extensions are skipped, not kept), trailer lines totalling at
/// most 64 KiB (read and discarded). Lines may end in CR LF or a bare LF (RFC 9112 2.2); a CR
/// must be followed by LF.
//  chunked-body    = *chunk last-chunk trailer-section CRLF
//  chunk           = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
//  chunk-size      = 1*HEXDIG
//  last-chunk      = 1*("0") [ chunk-ext ] CRLF
//  chunk-ext       = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
//  trailer-section = *( field-line CRLF )
struct ChunkedDecoder: Sendable, Equatable {
    static let maxSizeDigits = 16
    static let maxSizeLineLength = 4 * 1024
    static let maxTrailerSize = 64 * 1024

    /// What one call to `next` found.
    enum Event: Sendable, Equatable {
        /// These offsets of the input are body bytes; call again with the input after them.
        case body(Range<Int>)
        /// The whole input was framing; the body goes on in bytes not yet received.
        case needMoreBytes
        /// The body ended after this many bytes of the input; what follows is not body.
        case end(consumed: Int)
    }

    enum State: Sendable, Equatable {
        case sizeDigits(size: UInt64, digits: Int)
        /// After the digits: BWS, then `;` extensions (once `inExtension`), up to the line end.
        case sizeLineRest(size: UInt64, inExtension: Bool)
        case sizeLineLF(size: UInt64)
        case data(remaining: UInt64)
        case dataCR
        case dataLF
        /// `lineLength` 0 means at the start of a trailer line (an empty one ends the body).
        case trailer(lineLength: Int)
        case trailerLF(lineLength: Int)
        case done
    }

    private(set) var state: State = .sizeDigits(size: 0, digits: 0)
    private var sizeLineLength = 0
    private var trailerSize = 0

    init() {}

    var isComplete: Bool { state == .done }

    /// Consumes framing bytes from the start of `input` until it reaches body bytes, the end of
    /// the input, or the end of the body.
    /// - Throws: `HTTPError(.malformedResponse)` for bytes that cannot be chunked framing. Bytes
    ///   that are merely incomplete never throw: they give `.needMoreBytes`.
    mutating func next(_ input: UnsafeRawBufferPointer) throws -> Event {
        if state == .done { return .end(consumed: 0) }
        var i = 0
        while i < input.count {
            if case .data(let remaining) = state {
                let count = Int(min(remaining, UInt64(input.count - i)))
                state = remaining == UInt64(count) ? .dataCR : .data(remaining: remaining - UInt64(count))
                return .body(i..<(i + count))
            }
            try step(input[i])
            i += 1
            if state == .done { return .end(consumed: i) }
        }
        return .needMoreBytes
    }

    private mutating func step(_ byte: UInt8) throws {
        switch state {
        case .sizeDigits(let size, let digits):
            try sizeDigit(byte, size: size, digits: digits)
        case .sizeLineRest(let size, let inExtension):
            try sizeLineRest(byte, size: size, inExtension: inExtension)
        case .sizeLineLF(let size):
            guard byte == 0x0A else { throw HTTPError.malformed("Invalid chunk size line: CR without LF") }
            endSizeLine(size)
        case .data:
            preconditionFailure("data bytes are handed out by next(_:)")
        case .dataCR:
            if byte == 0x0D {
                state = .dataLF
            } else if byte == 0x0A {
                startChunk()
            } else {
                throw HTTPError.malformed("Invalid chunk: no CRLF after the chunk data")
            }
        case .dataLF:
            guard byte == 0x0A else { throw HTTPError.malformed("Invalid chunk: no CRLF after the chunk data") }
            startChunk()
        case .trailer(let lineLength):
            try trailer(byte, lineLength: lineLength)
        case .trailerLF(let lineLength):
            guard byte == 0x0A else { throw HTTPError.malformed("Invalid chunked trailer: CR without LF") }
            state = lineLength == 0 ? .done : .trailer(lineLength: 0)
        case .done:
            break
        }
    }

    //  chunk-size = 1*HEXDIG, then optional BWS and chunk-ext, then CRLF (RFC 9112 7.1)
    private mutating func sizeDigit(_ byte: UInt8, size: UInt64, digits: Int) throws {
        try countSizeLine()
        if let digit = hexValue(byte) {
            guard digits < ChunkedDecoder.maxSizeDigits else {
                throw HTTPError.malformed("Invalid chunk size: more than 16 hex digits")
            }
            state = .sizeDigits(size: size << 4 | UInt64(digit), digits: digits + 1)
        } else if digits > 0 && (byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ";")) {
            state = .sizeLineRest(size: size, inExtension: byte == UInt8(ascii: ";"))
        } else if digits > 0 && byte == 0x0D {
            state = .sizeLineLF(size: size)
        } else if digits > 0 && byte == 0x0A {
            endSizeLine(size)
        } else {
            throw HTTPError.malformed("Invalid chunk size")
        }
    }

    //  chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
    private mutating func sizeLineRest(_ byte: UInt8, size: UInt64, inExtension: Bool) throws {
        try countSizeLine()
        if byte == 0x0D {
            state = .sizeLineLF(size: size)
        } else if byte == 0x0A {
            endSizeLine(size)
        } else if byte == UInt8(ascii: ";") {
            state = .sizeLineRest(size: size, inExtension: true)
        } else if byte == 0x20 || byte == 0x09 || (inExtension && byte > 0x20 && byte != 0x7F) {
            return
        } else {
            throw HTTPError.malformed(inExtension ? "Invalid chunk extension" : "Invalid chunk size")
        }
    }

    //  trailer-section = *( field-line CRLF ), then the final CRLF
    private mutating func trailer(_ byte: UInt8, lineLength: Int) throws {
        trailerSize += 1
        guard trailerSize <= ChunkedDecoder.maxTrailerSize else {
            throw HTTPError.malformed("Chunked trailer too large (limit 64 KiB)")
        }
        if byte == 0x0D {
            state = .trailerLF(lineLength: lineLength)
        } else if byte == 0x0A {
            state = lineLength == 0 ? .done : .trailer(lineLength: 0)
        } else if byte == 0 {
            throw HTTPError.malformed("Invalid chunked trailer (NUL)")
        } else {
            state = .trailer(lineLength: lineLength + 1)
        }
    }

    private mutating func countSizeLine() throws {
        sizeLineLength += 1
        guard sizeLineLength <= ChunkedDecoder.maxSizeLineLength else {
            throw HTTPError.malformed("Chunk size line too long (limit 4 KiB)")
        }
    }

    private mutating func endSizeLine(_ size: UInt64) {
        sizeLineLength = 0
        state = size == 0 ? .trailer(lineLength: 0) : .data(remaining: size)
    }

    private mutating func startChunk() {
        state = .sizeDigits(size: 0, digits: 0)
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
