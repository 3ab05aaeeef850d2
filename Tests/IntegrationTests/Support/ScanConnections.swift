import Foundation
import TLS
import Transport

/// Fresh connections for the TLS scan: implicit TLS, or SMTP's STARTTLS dialog (one command per
/// reply) up to the go-ahead, as the audit's connection does it. A `421` or a refused
/// connection throws, which ends a scan as unreachable / rate limited.
enum ScanConnections {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    static func implicitTLS(port: Int) -> () throws -> Transport {
        {
            try TCPConnector(trace: SilentTrace()).connect(
                host: "127.0.0.1", port: UInt16(port), deadline: .after(seconds: 10))
        }
    }

    static func smtpStartTLS(port: Int) -> () throws -> Transport {
        {
            let transport = try TCPConnector(trace: SilentTrace()).connect(
                host: "127.0.0.1", port: UInt16(port), deadline: .after(seconds: 10))
            let stream = ByteStream(transport: transport, deadline: .after(seconds: 10))
            try expect("220", from: stream)
            for (command, code) in [("EHLO scan.mailtls.test", "250"), ("STARTTLS", "220")] {
                try stream.write(command + "\r\n")
                try stream.flush()
                try expect(code, from: stream)
            }
            guard stream.bufferedCount == 0 else { throw Refused(description: "data before the handshake") }
            return stream.transport
        }
    }

    /// Reads one SMTP reply (its lines up to the one with a space after the code).
    private static func expect(_ code: String, from stream: ByteStream) throws {
        for _ in 0..<100 {
            guard let bytes = try stream.readLine(maxLength: 4096) else {
                throw Refused(description: "the server closed the connection")
            }
            let line = String(decoding: bytes, as: UTF8.self)
            guard line.count >= 4, line.hasPrefix(code) else { throw Refused(description: line) }
            if line.dropFirst(3).first == " " { return }
        }
        throw Refused(description: "a reply of more than 100 lines")
    }
}

/// `openssl s_client`, the independent witness the scan's results are checked against.
enum OpenSSLClient {
    /// IANA name to OpenSSL name, for every suite this OpenSSL knows.
    static let names: [String: String] = {
        let result = ToolProcess.run(
            "/usr/bin/openssl", ["ciphers", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"], timeout: 30)
        var names: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 3, fields[1] == "-" { names[String(fields[0])] = String(fields[2]) }
        }
        return names
    }()

    /// The version and suite `openssl s_client` negotiates offering only `suite` (IANA name) or,
    /// without one, everything; nil when the handshake fails.
    static func handshake(port: Int, startTLS: String?, version: TLSVersion, suite: String? = nil) -> String? {
        let flag = ["1.0": "-tls1", "1.1": "-tls1_1", "1.2": "-tls1_2", "1.3": "-tls1_3"][version.curlName]!
        var arguments = ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", flag]
        if let startTLS { arguments += ["-starttls", startTLS] }
        if version == .tls1_3 {
            if let suite { arguments += ["-ciphersuites", suite] }
        } else {
            arguments += ["-cipher", (suite.flatMap { names[$0] } ?? "ALL:COMPLEMENTOFALL") + ":@SECLEVEL=0"]
        }
        let result = ToolProcess.run("/usr/bin/openssl", arguments, timeout: 30)
        // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384", or "New, (NONE), Cipher is (NONE)".
        guard let line = result.stdout.split(separator: "\n").first(where: { $0.hasPrefix("New, ") }),
            !line.contains("(NONE)"), let cipher = line.components(separatedBy: "Cipher is ").last
        else { return nil }
        return cipher
    }
}
