/// A TLS alert the peer sent (RFC 8446 section 6, RFC 5246 section 7.2): its level, its number
/// and the RFC's name for it. Warning alerts during the handshake are recorded in the facts;
/// a fatal one ends the handshake and travels in the `TLSError`.
public struct TLSAlert: Sendable, Equatable, Encodable {
    public enum Level: String, Sendable, Equatable, Encodable {
        case warning, fatal
    }

    public var level: Level
    /// The AlertDescription value (0...255).
    public var number: Int
    /// The RFC's name ("unrecognized_name"), or "alert_<number>" for a value no RFC here names.
    public var name: String

    public init(level: Level, number: Int) {
        self.level = level
        self.number = number
        self.name = TLSAlert.names[number] ?? "alert_\(number)"
    }

    /// AlertDescription names from RFC 8446 section 6 and RFC 5246 section 7.2.
    static let names: [Int: String] = [
        0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 21: "decryption_failed",
        22: "record_overflow", 30: "decompression_failure", 40: "handshake_failure", 41: "no_certificate",
        42: "bad_certificate", 43: "unsupported_certificate", 44: "certificate_revoked",
        45: "certificate_expired", 46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca",
        49: "access_denied", 50: "decode_error", 51: "decrypt_error", 60: "export_restriction",
        70: "protocol_version", 71: "insufficient_security", 80: "internal_error",
        86: "inappropriate_fallback", 90: "user_canceled", 100: "no_renegotiation",
        109: "missing_extension", 110: "unsupported_extension", 111: "certificate_unobtainable",
        112: "unrecognized_name", 113: "bad_certificate_status_response", 114: "bad_certificate_hash_value",
        115: "unknown_psk_identity", 116: "certificate_required", 120: "no_application_protocol",
    ]

    /// protocol_version: the peer does not speak any version we offered.
    public static let protocolVersion = 70
}
