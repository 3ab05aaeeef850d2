import TLS
import Transport

/// A STARTTLS upgrade for session tests: applies `ByteStream`'s buffered-bytes rule, keeps the
/// same transport (the dialog goes on in clear), and reports fixed facts.
public enum FakeTLS {
    public static let facts = TLSSessionFacts(version: "TLS1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", certificate: nil,
                                              verificationFailures: [], verified: true, hostnameMatched: true)

    public static func upgrade(_ policy: StartTLSPolicy) -> TLSUpgrade {
        TLSUpgrade(policy: policy) { stream in
            try stream.upgrade { $0 }
            return facts
        }
    }
}
