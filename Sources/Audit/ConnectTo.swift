import CLI

/// curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: a connection to HOST1:PORT1 goes to
/// HOST2:PORT2 instead. Names, SNI and certificate checks keep HOST1; only the TCP connection
/// moves. An empty HOST1 or PORT1 matches any; an empty HOST2 or PORT2 keeps the original.
/// IPv6 addresses are written in brackets (`[::1]`).
public struct ConnectTo: Sendable, Equatable {
    public var fromHost: String?
    public var fromPort: UInt16?
    public var toHost: String?
    public var toPort: UInt16?

    public init(fromHost: String?, fromPort: UInt16?, toHost: String?, toPort: UInt16?) {
        self.fromHost = fromHost
        self.fromPort = fromPort
        self.toHost = toHost
        self.toPort = toPort
    }

    public init(parsing text: String) throws(ToolError) {
        let fields = ConnectTo.split(text)
        guard fields.count == 4 else {
            throw ToolError.usage("option --connect-to: expected HOST1:PORT1:HOST2:PORT2, got '\(text)'")
        }
        func port(_ field: String) throws(ToolError) -> UInt16? {
            if field.isEmpty { return nil }
            guard let value = UInt16(field), value > 0 else {
                throw ToolError.usage("option --connect-to: bad port '\(field)' in '\(text)'")
            }
            return value
        }
        fromHost = fields[0].isEmpty ? nil : ConnectTo.unbracket(fields[0])
        fromPort = try port(fields[1])
        toHost = fields[2].isEmpty ? nil : ConnectTo.unbracket(fields[2])
        toPort = try port(fields[3])
    }

    /// Where a connection to `host`:`port` goes; nil when this rule does not apply.
    public func destination(host: String, port: UInt16) -> (host: String, port: UInt16)? {
        if let fromHost, fromHost.lowercased() != host.lowercased() { return nil }
        if let fromPort, fromPort != port { return nil }
        return (toHost ?? host, toPort ?? port)
    }

    /// The first rule that applies wins, as in curl; no rule: the host itself.
    public static func destination(
        host: String, port: UInt16, rules: [ConnectTo]
    ) -> (host: String, port: UInt16) {
        for rule in rules {
            if let destination = rule.destination(host: host, port: port) { return destination }
        }
        return (host, port)
    }

    /// Splits at colons outside brackets.
    static func split(_ text: String) -> [String] {
        var fields: [String] = [""]
        var inBrackets = false
        for character in text {
            switch character {
            case "[": inBrackets = true
            case "]": inBrackets = false
            case ":" where !inBrackets:
                fields.append("")
                continue
            default: break
            }
            fields[fields.count - 1].append(character)
        }
        return fields
    }

    static func unbracket(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
