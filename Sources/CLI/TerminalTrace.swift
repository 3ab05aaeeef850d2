import Codec
import Transport

/// Renders trace events for `-v` (curl's `* `, `> `, `< ` lines on stderr) and for
/// `--trace-ascii` (curl's `== Info:` / `=> Send` / `<= Recv` dump). Everything is escaped
/// before output: server text never reaches the terminal raw. `-D FILE` (`headers`) gets each
/// line the server sent as received, CR LF ended, as curl writes a pingpong protocol's
/// response lines there (the file is data, like the message on stdout).
public final class TerminalTrace: Trace {
    private let verbose: ByteSink?
    private let ascii: ByteSink?
    private let headers: ByteSink?

    public init(verbose: ByteSink?, ascii: ByteSink?, headers: ByteSink? = nil) {
        self.verbose = verbose
        self.ascii = ascii
        self.headers = headers
    }

    public var isEnabled: Bool { verbose != nil || ascii != nil || headers != nil }

    public func info(_ text: String) {
        emit(verbose, "* " + ControlCharacterEscaping.escape(text) + "\n")
        emit(ascii, "== Info: " + ControlCharacterEscaping.escape(text) + "\n")
    }

    public func sent(_ bytes: [UInt8], display: String?) {
        let shown = display.map { Array($0.utf8) } ?? bytes
        lines(of: shown, prefix: "> ")
        dump(shown, heading: "=> Send data")
    }

    public func received(_ bytes: [UInt8]) {
        // A -D file that cannot be written does not stop the transfer (curl goes on too).
        try? headers?.write(bytes + [0x0D, 0x0A])
        lines(of: bytes, prefix: "< ")
        dump(bytes, heading: "<= Recv data")
    }

    private func lines(of bytes: [UInt8], prefix: String) {
        guard let verbose else { return }
        var text = ""
        for line in splitLines(bytes) {
            text += prefix + ControlCharacterEscaping.escape(line) + "\n"
        }
        emit(verbose, text)
    }

    /// curl's --trace-ascii layout: a heading with the byte count, then offset-prefixed lines.
    private func dump(_ bytes: [UInt8], heading: String) {
        guard let ascii else { return }
        var text = "\(heading), \(bytes.count) bytes (0x\(String(bytes.count, radix: 16)))\n"
        var offset = 0
        for line in splitLines(bytes) {
            let hex = String(offset, radix: 16)
            text +=
                String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ": "
                + ControlCharacterEscaping.escape(line) + "\n"
            offset += line.count + 2
        }
        emit(ascii, text)
    }

    /// Splits on LF, dropping a CR before it; a trailing line end yields no empty last line,
    /// and an empty event is one empty line (the blank line that ends an HTTP head).
    private func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.isEmpty ? [bytes[...]] : DialogLog.split(bytes)
    }

    private func emit(_ sink: ByteSink?, _ text: String) {
        // A trace that cannot be written must not end the transfer.
        try? sink?.write(text)
    }
}
