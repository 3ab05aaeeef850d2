import Codec

/// `--pinnedpubkey`: the server's SubjectPublicKeyInfo must be this key, or hash to one of these
/// SHA-256 values. Checked after verification, and even with `-k` (curl's rule).
public enum PinnedPublicKey: Sendable, Equatable {
    /// `sha256//<base64>[;sha256//<base64>...]`: raw 32-byte digests.
    case sha256(hashes: [[UInt8]])
    /// A PEM or DER public-key file: the DER SubjectPublicKeyInfo itself.
    case subjectPublicKeyInfo([UInt8])

    /// Parses the option's argument; `readFile` supplies a key file's bytes (kept out of the
    /// parser so it stays pure).
    public static func parse(
        _ argument: String, readFile: (String) throws -> [UInt8]
    ) throws(TLSError) -> PinnedPublicKey {
        if argument.hasPrefix("sha256//") {
            var hashes: [[UInt8]] = []
            for item in argument.split(separator: ";", omittingEmptySubsequences: false) {
                guard item.hasPrefix("sha256//"), let digest = Base64.decode(String(item.dropFirst(8))),
                    digest.count == 32
                else {
                    throw TLSError(
                        .pinnedKeyMismatch,
                        "--pinnedpubkey: '\(item)' is not sha256// followed by the base64 of 32 bytes")
                }
                hashes.append(digest)
            }
            return .sha256(hashes: hashes)
        }
        let bytes: [UInt8]
        do { bytes = try readFile(argument) } catch {
            throw TLSError(.pinnedKeyMismatch, "--pinnedpubkey: cannot read public key file \(argument): \(error)")
        }
        if let der = PEM.decode(bytes, label: "PUBLIC KEY") { return .subjectPublicKeyInfo(der) }
        // DER SubjectPublicKeyInfo starts with a SEQUENCE tag.
        guard bytes.first == 0x30 else {
            throw TLSError(.pinnedKeyMismatch, "--pinnedpubkey: \(argument) holds neither a PEM nor a DER public key")
        }
        return .subjectPublicKeyInfo(bytes)
    }

    /// Whether the server key matches: `spki` is its DER SubjectPublicKeyInfo, `sha256` its digest.
    public func matches(spki: [UInt8], sha256: [UInt8]) -> Bool {
        switch self {
        case .sha256(let hashes): hashes.contains(sha256)
        case .subjectPublicKeyInfo(let key): key == spki
        }
    }
}

/// RFC 7468 textual encoding: the first block with the given label, decoded.
public enum PEM {
    public static func decode(_ bytes: [UInt8], label: String) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let begin = text.firstRange(ofText: "-----BEGIN \(label)-----"),
            let end = text[begin.upperBound...].firstRange(ofText: "-----END \(label)-----")
        else { return nil }
        let body = text[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Base64.decode(String(body))
    }
}
