/// A command ready to send: its bytes in pieces, split where a synchronizing literal makes the
/// client wait for the server's go-ahead (RFC 3501 section 7.5).
///
/// To send: for each piece, write `bytes` (tracing `display`); when `awaitsContinuation` is
/// true, flush and read responses until a continuation request (`+ ...`), then go on. A tagged
/// response with the command's tag instead (NO or BAD) means the server refused the literal:
/// send nothing more of this command, it is complete.
public struct IMAPEncodedCommand: Equatable, Sendable {
    public struct Piece: Equatable, Sendable {
        public let bytes: [UInt8]
        /// What `-v` shows instead of `bytes` when they hold a secret (CR LF included, as in
        /// `bytes`); nil when the bytes themselves may be shown.
        public let display: String?
        /// Wait for a continuation request after sending this piece.
        public let awaitsContinuation: Bool
    }

    public let tag: String
    public let pieces: [Piece]

    /// All pieces joined: what goes on the wire when nothing has to wait.
    public var bytes: [UInt8] { pieces.flatMap(\.bytes) }

    /// Whether the client must wait for a `+` in the middle of the command.
    public var needsContinuation: Bool { pieces.contains(where: \.awaitsContinuation) }

    init(tag: String, name: [UInt8], arguments: [IMAPCommandArgument], literalMode: IMAPLiteralMode) {
        self.tag = tag
        let redaction = Array("<redacted>".utf8)
        var pieces: [Piece] = []
        var bytes = Array(tag.utf8) + [.space] + name
        var display = bytes
        var differs = false
        for argument in arguments {
            bytes += [.space] + argument.prefix
            display += [.space] + argument.prefix
            defer {
                bytes += argument.suffix
                display += argument.suffix
            }
            switch argument.encoding {
            case .text(let text):
                bytes += text
                display += argument.isSecret ? redaction : text
            case .literal(let content):
                let nonSynchronizing: Bool
                switch literalMode {
                case .synchronizing: nonSynchronizing = false
                case .nonSynchronizing: nonSynchronizing = true
                case .nonSynchronizingUpTo4096: nonSynchronizing = content.count <= 4096
                }
                let announcement = Array("{\(content.count)\(nonSynchronizing ? "+" : "")}".utf8) + [.cr, .lf]
                bytes += announcement
                let shown = argument.contentDisplay ?? content
                if nonSynchronizing {
                    bytes += content
                    display += argument.isSecret ? redaction : announcement + shown
                } else {
                    // The line so far, then wait for "+"; the literal starts the next piece.
                    display += argument.isSecret ? redaction + [.cr, .lf] : announcement
                    pieces.append(
                        Piece(
                            bytes: bytes,
                            display: differs || argument.isSecret ? String(decoding: display, as: UTF8.self) : nil,
                            awaitsContinuation: true))
                    differs = false
                    bytes = content
                    display = argument.isSecret ? redaction : shown
                }
            }
            if argument.isSecret || argument.contentDisplay != nil { differs = true }
        }
        bytes += [.cr, .lf]
        display += [.cr, .lf]
        pieces.append(
            Piece(
                bytes: bytes, display: differs ? String(decoding: display, as: UTF8.self) : nil,
                awaitsContinuation: false))
        self.pieces = pieces
    }
}
