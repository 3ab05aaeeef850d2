import TLS
import Transport

/// How a session opens its data connections: the caller owns the network and the TLS
/// configuration, so the protocol target sees neither options nor sockets.
public protocol FTPDataConnector {
    /// Opens TCP to the passive address the server named. `address.host` is the address a 227
    /// reply gave; the connector uses the control connection's host instead unless told not to
    /// (`--no-ftp-skip-pasv-ip`).
    func connect(to address: FTPPassiveAddress) throws -> Transport

    /// Runs the TLS handshake over a data connection (after PROT P), resuming `resumption`,
    /// verifying the server as on the control connection.
    func secure(_ transport: Transport, resuming resumption: TLSResumptionData?) throws -> TLSConnection
}

/// How the passive data connection is asked for.
public struct FTPPassiveMode: Equatable, Sendable {
    /// EPSV first (RFC 2428), PASV when refused; false: PASV only (`--disable-epsv`).
    public var tryEPSV = true

    public init(tryEPSV: Bool = true) { self.tryEPSV = tryEPSV }
}
