/// What DNSSEC validation said about an answer (RFC 4033 section 5, as libunbound reports it).
public enum DNSSecurity: Sendable, Equatable {
    /// Validated from a trust anchor: the data (or its absence) is proven.
    case secure
    /// Not signed, or below a proven-insecure delegation: nothing is proven (no DANE).
    case insecure
    /// Signed but the signatures do not validate (expired, wrong key, stripped). RFC 8460
    /// `dnssec-invalid`; the reason is libunbound's `why_bogus`, server text to escape.
    case bogus(reason: String)

    public var isSecure: Bool { self == .secure }
    public var isBogus: Bool {
        if case .bogus = self { return true }
        return false
    }
}
