import Transport

/// A turn-based scripted server for session tests: a dialog of `S: text` lines (the server
/// sends `text` CR LF, or the bytes after `S!` without a line end) and `C: text` lines (the
/// client must send exactly `text` CR LF next). The server speaks only once every client line
/// before its turn has arrived, so a session that reads before writing, or writes what the
/// dialog does not expect, is caught: `unexpected` records the first such line and the peer
/// then acts as closed. At the end of the dialog the peer closes.
public final class DialogPeer: Transport {
    private enum Step: Equatable {
        case server([UInt8])
        case client(String)
    }

    private var steps: [Step]
    private var pendingOutput: [UInt8] = []
    private var clientBuffer: [UInt8] = []
    /// The client lines received, in order (without CR LF).
    public private(set) var clientLines: [String] = []
    /// The first client line that the dialog did not expect, with what was expected.
    public private(set) var unexpected: String?
    public let peerName = "peer.test:1"

    public init(_ dialog: [String]) {
        steps = dialog.map { line in
            if line.hasPrefix("C: ") { return .client(String(line.dropFirst(3))) }
            if line.hasPrefix("S! ") { return .server(Array(line.dropFirst(3).utf8)) }
            precondition(line.hasPrefix("S: "), "dialog lines start with C:, S: or S!")
            return .server(Array((line.dropFirst(3) + "\r\n").utf8))
        }
    }

    /// True once every step of the dialog has been played and nothing unexpected was sent.
    public var isComplete: Bool { steps.isEmpty && pendingOutput.isEmpty && unexpected == nil }

    /// Moves the server's next turn into the output once the client has said its part.
    private func advance() {
        while unexpected == nil, case .server(let bytes)? = steps.first {
            pendingOutput += bytes
            steps.removeFirst()
        }
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        advance()
        guard unexpected == nil else { return 0 }
        let count = min(buffer.count, pendingOutput.count)
        for i in 0..<count { buffer[i] = pendingOutput[i] }
        pendingOutput.removeFirst(count)
        if count == 0, case .client(let expected)? = steps.first {
            unexpected = "client read while the dialog expected it to send \(expected)"
        }
        return count
    }

    public func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        clientBuffer += bytes
        while let lf = clientBuffer.firstIndex(of: 0x0A) {
            var line = Array(clientBuffer[..<lf])
            clientBuffer.removeFirst(lf + 1)
            if line.last == 0x0D { line.removeLast() }
            let text = String(decoding: line, as: UTF8.self)
            clientLines.append(text)
            guard unexpected == nil else { continue }
            if case .client(let expected)? = steps.first, expected == text {
                steps.removeFirst()
            } else {
                unexpected =
                    "client sent \(text.debugDescription), dialog expected \(steps.first.map { "\($0)" } ?? "nothing")"
            }
        }
    }

    public func waitForInput(milliseconds: Int32) -> Bool {
        advance()
        return !pendingOutput.isEmpty
    }

    public func close() {}
}
