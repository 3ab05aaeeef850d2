import TLS
import Transport

/// A STARTTLS upgrade for session tests: applies `ByteStream`'s buffered-bytes rule, keeps the
/// same transport (the dialog goes on in clear), and reports fixed facts.
public enum FakeTLS {
    public static let facts = TLSSessionFacts(
        version: .tls1_3, cipherSuite: "TLS_AES_128_GCM_SHA256",
        serverName: "peer.test")

    public static func upgrade(_ policy: StartTLSPolicy) -> TLSUpgrade {
        TLSUpgrade(policy: policy) { stream in
            try stream.upgrade { $0 }
            return facts
        }
    }
}
