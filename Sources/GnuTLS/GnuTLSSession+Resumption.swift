internal import CGnuTLS
internal import CGnuTLSShim
import TLS

extension GnuTLSSession {
    /// `gnutls_session_get_data2`: the session (or, under TLS 1.3, the latest ticket) to resume.
    func resumptionData() -> TLSResumptionData? {
        var datum = gnutls_datum_t()
        guard gnutls_session_get_data2(handle, &datum) == GNUTLS_E_SUCCESS, let data = datum.data else { return nil }
        defer { mailtls_gnutls_free(data) }
        guard datum.size > 0 else { return nil }
        return TLSResumptionData(bytes: Array(UnsafeBufferPointer(start: data, count: Int(datum.size))))
    }

    /// `gnutls_session_set_data` before the handshake: offers the earlier session. A server that
    /// declines makes it a full handshake (`facts.resumed` says which happened).
    func offerResumption(_ resumption: TLSResumptionData) throws(TLSError) {
        let status = resumption.bytes.withUnsafeBytes { gnutls_session_set_data(handle, $0.baseAddress, $0.count) }
        guard status == GNUTLS_E_SUCCESS else {
            throw TLSError(.handshake, "GnuTLS could not load the TLS session to resume: \(gnutlsMessage(status))")
        }
    }
}
