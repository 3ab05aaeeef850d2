/// A reply that is one line (POP3's `+OK` / `-ERR` status line, RFC 1939 3): what the line
/// says is for the protocol's grammar value (`POP3Response`).
public struct StatusLineFramer: LineFramer, Sendable {
    public let limits: LineLimits

    public init(limits: LineLimits = .default) { self.limits = limits }

    public var hasStarted: Bool { false }

    public mutating func consume(line: [UInt8]) throws(LineFramingError) -> [UInt8]? {
        var size = 0
        try Self.account(line, limits: limits, lineCount: 0, size: &size, what: "response")
        return line
    }
}
