import CLI
import FTP
import TLS
import Transport

/// Opens data connections the way the control connection was opened: the same connector,
/// connect timeout, TLS client and configuration (so verification is the same), to the address
/// the control connection reached (not the host name again, which may resolve elsewhere) unless
/// `--no-ftp-skip-pasv-ip`; the TLS session resumes the control one's.
struct NetworkDataConnector: FTPDataConnector {
    let server: ServerConnection
    /// The URL's host: the name certificates are verified against.
    let host: String
    /// The numeric address of the control connection, when known.
    let controlAddress: String?
    let usePassiveHost: Bool

    func connect(to address: FTPPassiveAddress) throws -> Transport {
        var target = controlAddress ?? host
        if let named = address.host {
            if usePassiveHost {
                target = named
            } else {
                server.trace.info("Skip \(named) for data connection, reuse \(target) instead")
            }
        }
        server.trace.info("Connecting to \(target) port \(address.port) for the data connection")
        return try server.connector.connect(
            host: target, port: address.port, family: server.connection.family,
            deadline: connectDeadline, trace: server.trace)
    }

    func secure(_ transport: Transport, resuming resumption: TLSResumptionData?) throws -> TLSConnection {
        var configuration = server.tlsConfiguration
        configuration.resumption = resumption
        server.trace.info(
            "Data connection: TLS handshake"
                + (resumption == nil ? " (nothing to resume)" : ", resuming the control connection's session"))
        let connection = try server.tlsClient.handshake(
            over: transport, serverName: host, configuration: configuration, deadline: connectDeadline,
            trace: server.trace)
        server.trace.info(
            connection.facts.resumed
                ? "Data connection: TLS session resumed" : "Data connection: TLS session NOT resumed (full handshake)")
        return connection
    }

    /// `--connect-timeout` per connection, and the silence limit, within `--max-time`.
    private var connectDeadline: Deadline {
        server.connection.connectDeadline(within: server.deadline)
            .earliest(.after(seconds: server.connection.idleTimeout))
    }
}
