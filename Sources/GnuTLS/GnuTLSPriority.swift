import TLS

/// Builds the GnuTLS priority string from the user's version window and `--ciphers`.
/// Pure, so every combination is unit-tested without a handshake.
///
/// The user's `--ciphers` string (a GnuTLS priority string such as `NORMAL:-CIPHER-ALL:+AES-256-GCM`,
/// or `SECURE256`) is the base; the version window is appended, so it always wins.
public enum GnuTLSPriority {
    public static func string(for configuration: TLSConfiguration) throws(TLSError) -> String {
        var maximum = configuration.maximumVersion ?? .tls1_3
        if configuration.srp != nil {
            // RFC 5054 defines SRP for TLS 1.2 and earlier only.
            guard configuration.minimumVersion <= .tls1_2 else {
                throw TLSError(
                    .handshake,
                    "TLS-SRP works only up to TLS 1.2, but TLS \(configuration.minimumVersion.curlName) or later was required"
                )
            }
            maximum = min(maximum, .tls1_2)
        }
        guard configuration.minimumVersion <= maximum else {
            throw TLSError(
                .handshake,
                "TLS version window is empty: minimum TLS \(configuration.minimumVersion.curlName) is above --tls-max \(maximum.curlName)"
            )
        }
        let base = configuration.ciphers.map { $0.trimmingSpaces() } ?? "NORMAL"
        guard !base.isEmpty else { throw TLSError(.cipher, "--ciphers is empty") }
        let versions = TLSVersion.allCases
            .filter { $0 >= configuration.minimumVersion && $0 <= maximum }
            .reversed()
            .map { ":+VERS-TLS\($0.curlName)" }
            .joined()
        // SRP key exchanges only: appending +SRP to a default list would let ECDHE win and a
        // wrong SRP password would still connect.
        let keyExchange = configuration.srp == nil ? "" : ":-KX-ALL:+SRP:+SRP-RSA:+SRP-DSS"
        return base + keyExchange + ":-VERS-ALL" + versions
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
