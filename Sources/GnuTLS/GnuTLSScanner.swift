import TLS
import Transport

/// The GnuTLS backend of `TLSScanning`: what the audit calls to scan one service. The pure
/// `TLSScan` decides what to offer; this gives it GnuTLS's suites and groups and one
/// handshake per probe.
public struct GnuTLSScanner: TLSScanning {
    public init() {}

    public func scan(
        serverName: String, options: TLSScanOptions, connect: @escaping () throws -> Transport
    ) -> TLSScanResult {
        guard let catalogue = GnuTLSSuiteCatalogue() else {
            return Self.failed("GnuTLS accepts none of the scan's priority strings", options: options)
        }
        let prober: GnuTLSProber
        do {
            prober = try GnuTLSProber(
                connect: connect, serverName: serverName, handshakeTimeout: options.handshakeTimeout,
                catalogue: catalogue)
        } catch {
            return Self.failed("\(error)", options: options)
        }
        return TLSScan.run(prober: prober, catalogue: catalogue.suites, groups: catalogue.groups, options: options)
    }

    /// Every suite a scan can offer, in GnuTLS's preference order.
    public static var offerableSuites: [TLSCipherSuite] { GnuTLSSuiteCatalogue()?.suites ?? [] }

    /// Every key-exchange group a scan can offer ("X25519", "SECP256R1", "FFDHE2048").
    public static var offerableGroups: [String] { GnuTLSSuiteCatalogue()?.groups ?? [] }

    private static func failed(_ reason: String, options: TLSScanOptions) -> TLSScanResult {
        var result = TLSScanResult()
        result.connectionBudget = options.connectionBudget
        result.versions = TLSVersion.allCases.reversed().map { TLSVersionScan(version: $0, status: .notTested) }
        result.stopped = TLSScanStop(.localFailure, reason: reason)
        return result
    }
}

/// The client that does the audit's ordinary handshakes also scans.
extension GnuTLSClient: TLSScanning {
    public func scan(
        serverName: String, options: TLSScanOptions, connect: @escaping () throws -> Transport
    ) -> TLSScanResult {
        GnuTLSScanner().scan(serverName: serverName, options: options, connect: connect)
    }
}
