/// GnuTLS's suite names and the IANA registry's differ in a fixed way: no `_WITH_`, `SHA1` for
/// `SHA`, `ARCFOUR` for `RC4`, and no PRF hash on the CCM and ChaCha20 suites. Pure.
public enum TLSCipherSuiteName {
    /// Key-exchange prefixes as both registries spell them, longest first.
    private static let keyExchanges = [
        "ECDHE_ECDSA", "ECDHE_RSA", "ECDHE_PSK", "DHE_RSA", "DHE_DSS", "DHE_PSK", "RSA_PSK", "DH_ANON",
        "ECDH_ANON", "SRP_SHA_RSA", "SRP_SHA_DSS", "SRP_SHA", "RSA", "PSK",
    ]

    public static func iana(libraryName: String, isTLS13: Bool) -> String {
        guard !isTLS13, libraryName.hasPrefix("TLS_") else { return libraryName }
        let rest = String(libraryName.dropFirst(4))
        guard let kx = keyExchanges.first(where: { rest.hasPrefix($0 + "_") }) else { return libraryName }
        var bulk = String(rest.dropFirst(kx.count + 1))
        if bulk.hasSuffix("_SHA1") { bulk = String(bulk.dropLast(1)) }
        if bulk.hasPrefix("ARCFOUR_128") { bulk = "RC4_128" + bulk.dropFirst("ARCFOUR_128".count) }
        if bulk == "CHACHA20_POLY1305" { bulk += "_SHA256" }
        let exchange = kx.hasSuffix("_ANON") ? String(kx.dropLast(5)) + "_anon" : kx
        return "TLS_" + exchange + "_WITH_" + bulk
    }
}
