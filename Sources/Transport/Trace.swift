/// Receives what `-v` and `--trace-ascii` show. Protocol code reports events here; the CLI
/// decides how to render them (prefixes, escaping of server text, redaction already applied
/// by the caller for secrets).
public protocol Trace: AnyObject {
    /// An informational line (`* ` in curl's layout).
    func info(_ text: String)
    /// Bytes the client sent (`> `); `display` replaces them when a secret must be redacted.
    func sent(_ bytes: [UInt8], display: String?)
    /// Bytes the client received (`< `).
    func received(_ bytes: [UInt8])
    /// Whether anybody listens: lets callers skip building expensive strings.
    var isEnabled: Bool { get }
}

/// The trace used when neither `-v` nor `--trace-ascii` is given.
public final class SilentTrace: Trace {
    public init() {}
    public func info(_ text: String) {}
    public func sent(_ bytes: [UInt8], display: String?) {}
    public func received(_ bytes: [UInt8]) {}
    public var isEnabled: Bool { false }
}
