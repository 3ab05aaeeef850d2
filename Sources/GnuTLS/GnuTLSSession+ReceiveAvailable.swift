internal import CGnuTLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

extension GnuTLSSession {
    /// Application data that has already arrived, decrypted without waiting for more: nil when
    /// none has. Records without data (TLS 1.3 session tickets, key updates) are processed and
    /// do not count, which a poll of the socket cannot tell; a partial record stays in GnuTLS's
    /// buffer for the next read. How a session sees a reply nobody asked for under TLS.
    func receiveAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        guard gnutls_record_check_pending(handle) > 0 || readAhead.count > 0 || underlying.waitForInput(milliseconds: 0)
        else { return nil }
        readsWithoutWaiting = true
        defer { readsWithoutWaiting = false }
        deadline = .after(seconds: 1)
        while true {
            let n = gnutls_record_recv(handle, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            switch Int32(n) {
            case GNUTLS_E_AGAIN: return nil
            case GNUTLS_E_INTERRUPTED: continue
            case GNUTLS_E_PREMATURE_TERMINATION: return 0
            default:
                if let error = takeTransportError() { throw error }
                throw TransportError(.receive, "TLS receive from \(peerName) failed: \(describe(Int32(n)))")
            }
        }
    }
}
