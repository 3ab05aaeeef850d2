import ExitCode

/// A record (or an MTA-STS policy file) that does not follow its grammar. The audit turns it
/// into a finding (`tlsa-invalid`, `sts-policy-invalid`, ...); a tool that stops on it exits 8.
public struct DNSRecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being read: "MX", "TLSA", "TXT", "MTA-STS record", "MTA-STS policy", "TLS-RPT record"...
    public let record: String
    public let reason: String

    public init(_ record: String, _ reason: String) {
        self.record = record
        self.reason = reason
    }

    public var description: String { "\(record): \(reason)" }
}

extension DNSRecordError: CurlCodeError {
    /// curl 8 (WEIRD_SERVER_REPLY): what a server published cannot be read.
    public var curlCode: CurlCode {
        switch self {
        case _: .weirdServerReply
        }
    }
}
