/// Opens a tool's connections. `SystemConnector` is the network; a test passes a fake that
/// hands out scripted transports, so a whole command runs without sockets.
public protocol Connector: Sendable {
    func connect(
        host: String, port: UInt16, family: AddressFamilyPreference, deadline: Deadline,
        trace: Trace
    ) throws -> Transport
}

/// The network, through `TCPConnector` (resolve, then each address in turn).
public struct SystemConnector: Connector {
    public init() {}

    public func connect(
        host: String, port: UInt16, family: AddressFamilyPreference, deadline: Deadline,
        trace: Trace
    ) throws -> Transport {
        try TCPConnector(family: family, trace: trace).connect(host: host, port: port, deadline: deadline)
    }
}
