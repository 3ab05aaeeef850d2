#if canImport(Glibc)
    import Glibc
#endif

/// mboxrd quoting, streamed: every line matching `^>*From ` gets one more `>`, so `From `
/// becomes `>From ` and `>From ` becomes `>>From `. A reader unquotes by removing one `>` from
/// each such line and gets the message back exactly, which the older mboxo quoting (only
/// `From `) cannot promise. Lines are LF-terminated (the converter runs first; without it the
/// CR of a CR LF stays at the end of the line's content, which does not affect matching).
///
/// Memory: the state is at most the 4 bytes of a partial `From ` match held back across a
/// piece boundary; the `>` run is written as it comes and the extra `>` goes after it.
// (mboxrd has no RFC; in ABNF terms its escaping is:)
// quoted-line = ">" from-line / line      ; the extra ">" exactly when the line is a from-line
// from-line   = *">" "From " *OCTET
public struct MboxFromQuoter: Sendable {
    static let from: [UInt8] = Array("From ".utf8)

    private enum State: Sendable, Equatable {
        /// At the start of a line, or after its leading `>` characters.
        case lineStart
        /// This many bytes of `From ` matched at the line start, not yet written.
        case matching(Int)
        case midLine
    }

    private var state = State.lineStart
    /// Whether the output so far is empty or ends with LF (the store adds one otherwise).
    public private(set) var endsWithLineEnd = true

    public init() {}

    public mutating func quote(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var i = 0
        while i < input.count {
            let byte = input[i]
            switch state {
            case .midLine:
                guard let found = memchr(base + i, Int32(UInt8.lf), input.count - i) else {
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i...]))
                    endsWithLineEnd = false
                    return
                }
                let end = base.distance(to: UnsafeRawPointer(found)) + 1
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<end]))
                endsWithLineEnd = true
                state = .lineStart
                i = end
                continue
            case .lineStart where byte == UInt8(ascii: ">"):
                output.append(byte)
                endsWithLineEnd = false
            case .lineStart where byte == Self.from[0]:
                state = .matching(1)
            case .matching(let count) where byte == Self.from[count]:
                if count + 1 == Self.from.count {
                    output.append(UInt8(ascii: ">"))
                    output.append(contentsOf: Self.from)
                    endsWithLineEnd = false
                    state = .midLine
                } else {
                    state = .matching(count + 1)
                }
            case .lineStart, .matching:
                if case .matching(let count) = state { output.append(contentsOf: Self.from[..<count]) }
                output.append(byte)
                endsWithLineEnd = byte == .lf
                state = byte == .lf ? .lineStart : .midLine
            }
            i += 1
        }
    }

    /// Writes out a partial `From ` match the message ended with.
    public mutating func finish(into output: inout [UInt8]) {
        if case .matching(let count) = state {
            output.append(contentsOf: Self.from[..<count])
            endsWithLineEnd = false
        }
        state = .lineStart
    }
}
