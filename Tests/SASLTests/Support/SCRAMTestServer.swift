import Codec
import Foundation

/// SCRAM's keys from a password (RFC 5802 §3).
struct SCRAMKeys {
    let hash: TestHash
    let clientKey: [UInt8]
    let storedKey: [UInt8]
    let serverKey: [UInt8]

    init(hash: TestHash, password: String, salt: [UInt8], iterations: Int) {
        self.hash = hash
        let salted = hash.pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations)
        clientKey = hash.hmac(key: salted, Array("Client Key".utf8))
        storedKey = hash.digest(clientKey)
        serverKey = hash.hmac(key: salted, Array("Server Key".utf8))
    }

    func clientProof(_ authMessage: String) -> [UInt8] {
        zip(clientKey, hash.hmac(key: storedKey, Array(authMessage.utf8))).map { $0 ^ $1 }
    }

    func serverSignature(_ authMessage: String) -> [UInt8] {
        hash.hmac(key: serverKey, Array(authMessage.utf8))
    }
}

/// The server side of SCRAM, strict enough to check what Cyrus sends (GS2 header, nonce,
/// channel binding, proof) and to answer with a right or a deliberately wrong signature.
struct SCRAMTestServer {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let user: String
    let salt: [UInt8] = Array("salt of the test server".utf8)
    let iterations = 4096
    let nonceSuffix = "3rfcNHYJY1ZVvWVs7j"
    let channelBindingData: [UInt8]
    private let keys: SCRAMKeys

    private(set) var gs2Header = ""
    private(set) var clientFirstBare = ""
    private(set) var serverFirst = ""
    private(set) var nonce = ""

    init(hash: TestHash, user: String, password: String, channelBindingData: [UInt8] = []) {
        self.user = user
        self.channelBindingData = channelBindingData
        keys = SCRAMKeys(hash: hash, password: password, salt: salt, iterations: iterations)
    }

    /// client-first-message = gs2-header client-first-message-bare; answers server-first.
    mutating func respond(toClientFirst message: [UInt8]) throws -> [UInt8] {
        let parts = String(decoding: message, as: UTF8.self).split(
            separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Failure(description: "no GS2 header") }
        gs2Header = "\(parts[0]),\(parts[1]),"
        clientFirstBare = String(parts[2])
        let fields = Self.fields(clientFirstBare)
        guard fields["n"] == user, let clientNonce = fields["r"], !clientNonce.isEmpty else {
            throw Failure(description: "bad client-first-message-bare \(clientFirstBare)")
        }
        nonce = clientNonce + nonceSuffix
        serverFirst = "r=\(nonce),s=\(Base64.encode(salt)),i=\(iterations)"
        return Array(serverFirst.utf8)
    }

    /// client-final-message = channel-binding "," nonce "," proof; answers `v=` (one bit
    /// flipped when `tamper`).
    func respond(toClientFinal message: [UInt8], tamper: Bool = false) throws -> [UInt8] {
        let text = String(decoding: message, as: UTF8.self)
        guard let proofStart = text.range(of: ",p=") else { throw Failure(description: "no proof") }
        let withoutProof = String(text[..<proofStart.lowerBound])
        let fields = Self.fields(withoutProof)
        var binding = Array(gs2Header.utf8)
        if gs2Header.hasPrefix("p=") { binding += channelBindingData }
        guard fields["c"] == Base64.encode(binding) else {
            throw Failure(description: "wrong channel binding \(fields["c"] ?? "")")
        }
        guard fields["r"] == nonce else { throw Failure(description: "wrong nonce") }
        let authMessage = "\(clientFirstBare),\(serverFirst),\(withoutProof)"
        guard Base64.decode(String(text[proofStart.upperBound...])) == keys.clientProof(authMessage) else {
            throw Failure(description: "wrong client proof")
        }
        var signature = keys.serverSignature(authMessage)
        if tamper { signature[0] ^= 1 }
        return Array("v=\(Base64.encode(signature))".utf8)
    }

    static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for field in text.split(separator: ",") where field.count >= 2 && field.dropFirst().first == "=" {
            result[String(field.prefix(1))] = String(field.dropFirst(2))
        }
        return result
    }
}
