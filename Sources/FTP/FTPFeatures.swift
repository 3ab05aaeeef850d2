/// What FEAT (RFC 2389) said: the features that change how the session talks. Replaced, never
/// merged, after AUTH TLS (anyone on the path could have written the plaintext answer).
public struct FTPFeatures: Equatable, Sendable {
    /// FEAT was answered with 211. When false nothing is known, and AUTH TLS is tried anyway.
    public var answered = false
    /// `AUTH TLS` (RFC 4217 6), or `AUTH` listing TLS among its mechanisms.
    public var authTLS = false
    public var pbsz = false
    public var prot = false
    public var epsv = false
    public var size = false
    /// `REST STREAM` (RFC 3659 5).
    public var restStream = false
    public var utf8 = false

    public init() {}

    /// The lines of a 211 FEAT reply: the first and last lines are text, each line between is
    /// one feature, indented by one space (RFC 2389 3.2).
    //  feat-response = "211-" *TCHAR CRLF *( SP feature CRLF ) "211" SP *TCHAR CRLF
    //  feature       = feature-label [ SP feat-params ]
    public static func parse(_ reply: [ArraySlice<UInt8>]) -> FTPFeatures {
        var features = FTPFeatures()
        features.answered = true
        for line in reply.dropFirst().dropLast() {
            let words = String(decoding: line, as: UTF8.self).uppercased().split(separator: " ")
            guard let label = words.first else { continue }
            let params = words.dropFirst()
            switch label {
            case "AUTH":
                features.authTLS = features.authTLS || params.contains { $0.split(separator: ";").contains("TLS") }
            case "PBSZ": features.pbsz = true
            case "PROT": features.prot = true
            case "EPSV": features.epsv = true
            case "SIZE": features.size = true
            case "REST": features.restStream = features.restStream || params.contains("STREAM")
            case "UTF8": features.utf8 = true
            default: continue
            }
        }
        return features
    }
}
