/// An MTA-STS policy file (RFC 8461 3.2), as served at
/// `https://mta-sts.<domain>/.well-known/mta-sts.txt`: `key: value` lines ended by LF or CRLF,
/// with `version: STSv1`, `mode`, `max_age` and `mx` patterns. Unknown keys are kept, not judged.
public struct STSPolicy: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable {
        case enforce, testing, none
    }

    public var mode: Mode
    /// Seconds the policy may be cached (at most `maximumMaxAge`).
    public var maxAge: Int
    /// The `mx` patterns, lowercased: host names, or `*.` and a domain (one leftmost label).
    public var mx: [String]
    public var extensions: [TXTField]
    /// Keys given more than once besides `mx`; the first value counted.
    public var repeatedKeys: [String]

    public init(mode: Mode, maxAge: Int, mx: [String], extensions: [TXTField] = [], repeatedKeys: [String] = []) {
        self.mode = mode
        self.maxAge = maxAge
        self.mx = mx
        self.extensions = extensions
        self.repeatedKeys = repeatedKeys
    }

    /// RFC 8461 3.2: `max_age` is at most 31557600 (about one year).
    public static let maximumMaxAge = 31_557_600
    /// Bodies larger than 64 KiB are refused (RFC 8461 3.3: senders may limit the size).
    public static let maximumSize = 65_536

    /// Whether `host` (an MX host name, final dot optional) is allowed by one of the patterns
    /// (RFC 8461 4.1: `*.` matches exactly one leftmost label).
    public func allows(host: String) -> Bool {
        mx.contains { Self.pattern($0, matches: host) }
    }

    public static func pattern(_ pattern: String, matches host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let pattern = pattern.lowercased()
        guard pattern.hasPrefix("*.") else { return name == pattern }
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return false }
        return name[name.index(after: dot)...] == pattern.dropFirst(2)
    }
}
