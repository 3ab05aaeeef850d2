import TLS

/// The GnuTLS priority string of one scan offer: a broad base (every suite and group this
/// GnuTLS can still offer, legacy ones included, so a version probe misses nothing), narrowed
/// per dimension the offer restricts, and exactly one version. Pure, so unit-tested.
public enum GnuTLSProbePriority {
    /// NORMAL plus the ciphers, MACs and key exchanges NORMAL leaves out (the anonymous ones
    /// last). GnuTLS has no ARIA suites: a server's ARIA suites stay unseen.
    public static let broadBase =
        "NORMAL:+3DES-CBC:+CAMELLIA-128-GCM:+CAMELLIA-256-GCM:+CAMELLIA-128-CBC:+CAMELLIA-256-CBC"
        + ":+ARCFOUR-128:+AES-128-CCM-8:+AES-256-CCM-8:+SHA256:+SHA384:+MD5:+DHE-DSS:+ANON-ECDH:+ANON-DH"
        + ":+GROUP-ALL:+SIGN-ALL"

    public static func string(for offer: TLSProbeOffer, base: String = broadBase) -> String {
        var priority = base
        if let keyExchanges = offer.keyExchanges { priority += ":-KX-ALL" + list(keyExchanges) }
        if let ciphers = offer.ciphers { priority += ":-CIPHER-ALL" + list(ciphers) }
        if let macs = offer.macs { priority += ":-MAC-ALL" + list(macs) }
        if let groups = offer.groups { priority += ":-GROUP-ALL" + list(groups.map { "GROUP-" + $0 }) }
        return priority + ":-VERS-ALL:+VERS-TLS" + offer.version.curlName
    }

    /// The base with every version, for reading what the library can offer.
    static func allVersions(base: String) -> String {
        base + ":-VERS-ALL" + TLSVersion.allCases.reversed().map { ":+VERS-TLS" + $0.curlName }.joined()
    }

    private static func list(_ names: [String]) -> String {
        names.map { ":+" + $0 }.joined()
    }
}
