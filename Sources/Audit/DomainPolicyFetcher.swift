import CurlURL
import DNS
import HTTP
import TLS
import Transport

/// Fetches an MTA-STS policy with the suite's HTTP client as RFC 8461 3.3 requires: HTTPS on port
/// 443 with a verified certificate for the policy host, status 200 only, no redirect followed,
/// `text/plain`, at most 64 KiB, the whole fetch within `timeout` seconds.
public struct DomainPolicyFetcher {
    public var tlsClient: TLSClient
    /// Trust for the policy host (`--cacert`); verification is never turned off here.
    public var tlsConfiguration: TLSConfiguration
    /// How TCP connections are made.
    public var connector: Connector
    /// Where a connection for (host, port) goes: the audit's `--connect-to` rules
    /// (`ConnectTo.destination`); the URL, the Host field, SNI and the certificate check keep the
    /// policy host's name. Identity by default.
    public var route: (String, UInt16) -> (host: String, port: UInt16)
    public var timeout: Double
    public var trace: Trace
    public var userAgent: String?

    public static let defaultTimeout = 20.0

    public init(
        tlsClient: TLSClient, tlsConfiguration: TLSConfiguration, connector: Connector,
        route: @escaping (String, UInt16) -> (host: String, port: UInt16) = { (host: $0, port: $1) },
        timeout: Double = DomainPolicyFetcher.defaultTimeout, trace: Trace = SilentTrace(), userAgent: String? = nil
    ) {
        var configuration = tlsConfiguration
        configuration.verifyPeer = true
        self.tlsClient = tlsClient
        self.tlsConfiguration = configuration
        self.connector = connector
        self.route = route
        self.timeout = timeout
        self.trace = trace
        self.userAgent = userAgent
    }

    /// The policy URL of a domain.
    public static func policyURL(domain: String) -> String {
        "https://mta-sts.\(domain)/.well-known/mta-sts.txt"
    }

    /// Fetches the policy of `domain` (from `mta-sts.<domain>`).
    public func fetch(domain: String) -> DomainPolicyFetch {
        var result = DomainPolicyFetch(url: Self.policyURL(domain: domain))
        let deadline = Deadline.after(seconds: timeout)
        var body: [UInt8] = []
        do {
            let url = try CurlURL(parsing: result.url, supportedSchemes: ["https"])
            _ = try HTTPTransfer.run(
                url: url, options: HTTPTransferOptions(userAgent: userAgent), trace: trace,
                connect: { target in try open(target, deadline: deadline) },
                onHead: { head in try Self.accept(head, into: &result) },
                onBody: { bytes in
                    guard body.count + bytes.count <= STSPolicy.maximumSize else {
                        throw DomainPolicyFetchError(.tooLarge, "the policy is larger than 64 KiB")
                    }
                    body.append(contentsOf: bytes)
                })
            result.body = body
        } catch {
            (result.failure, result.message) = Self.failure(error)
        }
        return result
    }

    private func open(_ target: CurlURL, deadline: Deadline) throws -> ByteStream {
        let destination = route(target.host, UInt16(target.effectivePort ?? 443))
        let socket = try connector.connect(
            host: destination.host, port: destination.port, family: .any, deadline: deadline, trace: trace)
        let tls = try tlsClient.handshake(
            over: socket, serverName: target.host, configuration: tlsConfiguration, deadline: deadline, trace: trace)
        return ByteStream(transport: tls, deadline: deadline)
    }

    /// Status 200 and `text/plain` (parameters such as `charset` allowed), else the fetch stops
    /// before the body.
    static func accept(_ head: HTTPResponseHead, into result: inout DomainPolicyFetch) throws {
        result.status = head.status
        result.contentType = head.values("Content-Type").first.map { String(decoding: $0, as: UTF8.self) }
        if (300..<400).contains(head.status) {
            result.location = head.location
            throw DomainPolicyFetchError(
                .redirect, "redirect (\(head.status)) to \(head.location ?? "nowhere"): not followed (RFC 8461 3.3)")
        }
        guard head.status == 200 else {
            throw DomainPolicyFetchError(.status, "status \(head.status), 200 required (RFC 8461 3.3)")
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let type = (result.contentType ?? "").prefix { $0 != ";" }.drop(while: isSpace)
        let mediaType = String(type.reversed().drop(while: isSpace).reversed()).lowercased()
        guard mediaType == "text/plain" else {
            throw DomainPolicyFetchError(
                .contentType, "Content-Type '\(result.contentType ?? "")', text/plain required (RFC 8461 3.2)")
        }
    }

    static func failure(_ error: Error) -> (DomainPolicyFetch.Failure, String) {
        switch error {
        case let error as DomainPolicyFetchError:
            return (error.kind, error.message)
        case let error as TLSError:
            if case .verification = error.kind { return (.certificate, error.message) }
            return (.connection, error.message)
        case let error as TransportError:
            return (
                error.kind == .timeout ? .timeout : error.kind == .receive ? .protocolError : .connection, error.message
            )
        default:
            return (.protocolError, "\(error)")
        }
    }
}
