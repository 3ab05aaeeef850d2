import Transport

/// How long a server that speaks first may take to greet, and what its silence probably means.
/// A plaintext URL on a port that usually speaks TLS from the first byte (465, 993, 995, 990,
/// 636) meets a server waiting for our TLS hello: both sides wait, so the wait is short there
/// and the message names the URL scheme that works.
struct GreetingExpectation {
    static let implicitTLSPorts: Set<UInt16> = [465, 993, 995, 990, 636]

    let port: UInt16
    let implicitTLS: Bool
    let secureScheme: String
    let connectTimeout: Double?

    private var likelyNeedsTLS: Bool { !implicitTLS && Self.implicitTLSPorts.contains(port) }

    /// Seconds the greeting may take: `--connect-timeout` when given, else a default.
    var seconds: Double {
        if let connectTimeout, connectTimeout > 0 { return connectTimeout }
        return likelyNeedsTLS
            ? ConnectionOptions.implicitTLSPortGreetingTimeout : ConnectionOptions.defaultGreetingTimeout
    }

    /// The greeting's deadline, counted from the start of the connection, as curl's connect
    /// timeout is.
    func deadline(startedAt start: UInt64) -> Deadline {
        Deadline(uptimeNanoseconds: start &+ UInt64(seconds * 1e9))
    }

    var hint: String {
        let waited = "nothing within \(ByteStream.describe(seconds: seconds))"
        if likelyNeedsTLS {
            return "\(waited); port \(port) usually expects TLS from the first byte: try \(secureScheme)://"
        }
        return "\(waited) (--connect-timeout sets this limit)"
    }
}
