internal import CGnuTLS

/// The library's own message for a GnuTLS error code.
func gnutlsMessage(_ code: Int32) -> String {
    guard let text = gnutls_strerror(code) else { return "GnuTLS error \(code)" }
    return String(cString: text)
}
