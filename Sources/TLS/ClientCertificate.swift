import Codec

#if canImport(Glibc)
    import Glibc
#endif

/// The client's own certificate and key (`--cert`, `--key`, `--cert-type`, `--key-type`, `--pass`).
public struct ClientCertificate: Sendable, Equatable {
    public enum FileType: String, Sendable, Equatable, CaseIterable {
        case pem = "PEM", der = "DER", p12 = "P12"
    }

    public var certificateFile: String
    public var certificateType: FileType
    /// nil: the key is in the certificate file (combined PEM, or PKCS#12).
    public var keyFile: String?
    public var keyType: FileType
    /// Decrypts an encrypted key or a PKCS#12 file.
    public var password: String?

    public init(
        certificateFile: String, certificateType: FileType = .pem, keyFile: String? = nil,
        keyType: FileType = .pem, password: String? = nil
    ) {
        self.certificateFile = certificateFile
        self.certificateType = certificateType
        self.keyFile = keyFile
        self.keyType = keyType
        self.password = password
    }

    /// The file that holds the private key.
    public var effectiveKeyFile: String { keyFile ?? certificateFile }

    /// Whether the key must be decrypted: PKCS#12 files, and PEM keys marked encrypted (PKCS#8
    /// `ENCRYPTED PRIVATE KEY` or the legacy `Proc-Type: 4,ENCRYPTED` header). The CLI asks for a
    /// password on the terminal when this holds and none was given.
    public var keyNeedsPassword: Bool {
        if certificateType == .p12 { return false }  // an empty PKCS#12 password is common
        guard keyType == .pem, let file = fopen(effectiveKeyFile, "r") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = fread(&buffer, 1, buffer.count, file)
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        return text.contains(text: "-----BEGIN ENCRYPTED PRIVATE KEY-----")
            || text.contains(text: "Proc-Type: 4,ENCRYPTED")
    }
}

/// TLS-SRP credentials (RFC 5054), `--tlsuser` and `--tlspassword`.
public struct SRPCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}
