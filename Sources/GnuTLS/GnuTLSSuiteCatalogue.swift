internal import CGnuTLS
import TLS

/// The suites and groups this GnuTLS can offer in a scan, read from the library under the
/// broad probe priority, in its preference order, with the algorithm identifiers that tell
/// which suite a handshake used.
struct GnuTLSSuiteCatalogue {
    struct Entry {
        let suite: TLSCipherSuite
        let keyExchange: gnutls_kx_algorithm_t
        let cipher: gnutls_cipher_algorithm_t
        let mac: gnutls_mac_algorithm_t
    }

    private(set) var base = "NORMAL"
    private(set) var entries: [Entry] = []
    private(set) var groups: [String] = []

    var suites: [TLSCipherSuite] { entries.map(\.suite) }

    /// The broad base when this GnuTLS accepts it, else plain NORMAL (a build without a
    /// legacy cipher); nil when not even that works.
    init?() {
        for base in [GnuTLSProbePriority.broadBase, "NORMAL"] {
            var cache: gnutls_priority_t?
            guard gnutls_priority_init(&cache, GnuTLSProbePriority.allVersions(base: base), nil) == GNUTLS_E_SUCCESS,
                let cache
            else { continue }
            defer { gnutls_priority_deinit(cache) }
            self.base = base
            entries = Self.entries(of: cache)
            groups = Self.groups(of: cache)
            return
        }
        return nil
    }

    private static func entries(of cache: gnutls_priority_t) -> [Entry] {
        var entries: [Entry] = []
        for index in UInt32(0)..<1024 {
            var suiteIndex: UInt32 = 0
            let status = gnutls_priority_get_cipher_suite_index(cache, index, &suiteIndex)
            if status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE { break }
            guard status == GNUTLS_E_SUCCESS else { continue }
            var id: [UInt8] = [0, 0]
            var kx = GNUTLS_KX_UNKNOWN
            var cipher = GNUTLS_CIPHER_UNKNOWN
            var mac = GNUTLS_MAC_UNKNOWN
            var minimum = GNUTLS_VERSION_UNKNOWN
            guard let name = gnutls_cipher_suite_info(Int(suiteIndex), &id, &kx, &cipher, &mac, &minimum),
                let version = tlsVersion(minimum),
                let cipherName = gnutls_cipher_get_name(cipher), let macName = gnutls_mac_get_name(mac)
            else { continue }
            let exchange = version == .tls1_3 ? nil : gnutls_kx_get_name(kx).map { String(cString: $0) }
            let suite = TLSCipherSuite(
                id: UInt16(id[0]) << 8 | UInt16(id[1]), name: String(cString: name), keyExchange: exchange,
                cipher: String(cString: cipherName), mac: String(cString: macName), minimumVersion: version)
            guard !entries.contains(where: { $0.suite.id == suite.id }) else { continue }
            entries.append(Entry(suite: suite, keyExchange: kx, cipher: cipher, mac: mac))
        }
        return entries
    }

    private static func groups(of cache: gnutls_priority_t) -> [String] {
        var list: UnsafePointer<UInt32>?
        let count = gnutls_priority_group_list(cache, &list)
        guard count > 0, let list else { return [] }
        return (0..<Int(count)).compactMap { i in
            gnutls_group_get_name(gnutls_group_t(list[i])).map { String(cString: $0) }
        }
    }

    /// SSL 3.0 is not compiled in; a suite defined since SSL 3.0 is a TLS 1.0 suite here.
    private static func tlsVersion(_ version: gnutls_protocol_t) -> TLSVersion? {
        switch version {
        case GNUTLS_SSL3, GNUTLS_TLS1_0: .tls1_0
        case GNUTLS_TLS1_1: .tls1_1
        case GNUTLS_TLS1_2: .tls1_2
        case GNUTLS_TLS1_3: .tls1_3
        default: nil
        }
    }

    /// The suite a finished handshake used: under TLS 1.3 the cipher names it; before, the
    /// key exchange, cipher and MAC together.
    func suite(of handle: gnutls_session_t, version: TLSVersion) -> TLSCipherSuite? {
        let cipher = gnutls_cipher_get(handle)
        if version == .tls1_3 {
            return entries.first { $0.suite.minimumVersion == .tls1_3 && $0.cipher == cipher }?.suite
        }
        let kx = gnutls_kx_get(handle)
        let mac = gnutls_mac_get(handle)
        return entries.first {
            $0.suite.minimumVersion != .tls1_3 && $0.keyExchange == kx && $0.cipher == cipher && $0.mac == mac
        }?.suite
    }
}
