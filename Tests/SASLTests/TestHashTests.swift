import Codec
import XCTest

/// The test crypto against published vectors, so that the SCRAM server built on it can judge
/// Cyrus: FIPS 180 "abc", RFC 4231 / RFC 2202 HMAC, RFC 6070 PBKDF2, and the SCRAM examples of
/// RFC 5802 (SHA-1) and RFC 7677 (SHA-256).
final class TestHashTests: XCTestCase {
    func testDigestsOfABC() {
        XCTAssertEqual(hex(TestHash.sha1.digest(Array("abc".utf8))), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(
            hex(TestHash.sha256.digest(Array("abc".utf8))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            hex(TestHash.sha256.digest([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testHMACVectors() {
        let key = [UInt8](repeating: 0x0b, count: 20)
        XCTAssertEqual(
            hex(TestHash.sha1.hmac(key: key, Array("Hi There".utf8))), "b617318655057264e28bc0b6fb378c8ef146be00")
        XCTAssertEqual(
            hex(TestHash.sha256.hmac(key: key, Array("Hi There".utf8))),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testPBKDF2Vector() {
        XCTAssertEqual(
            hex(TestHash.sha1.pbkdf2(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 4096)),
            "4b007901b765489abead49d926f721d065a429c1")
    }

    func testSCRAMExamplesOfTheRFCs() throws {
        let examples: [(TestHash, String, String, String, String, String)] = [
            (
                .sha1, "fyko+d2lbbFgONRv9qkxdawL", "3rfcNHYJY1ZVvWVs7j", "QSXCR+Q6sek8bf92",
                "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", "rmF9pqV8S7suAoZWja4dJRkFsKQ="
            ),
            (
                .sha256, "rOprNGfwEbeRWgbNEkqO", "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "W22ZaJ0SNY7soEsUEjb6gQ==",
                "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
            ),
        ]
        for (hash, clientNonce, serverNonce, salt, proof, signature) in examples {
            let keys = SCRAMKeys(
                hash: hash, password: "pencil", salt: try XCTUnwrap(Codec.Base64.decode(salt)), iterations: 4096)
            let nonce = clientNonce + serverNonce
            let authMessage = "n=user,r=\(clientNonce),r=\(nonce),s=\(salt),i=4096,c=biws,r=\(nonce)"
            XCTAssertEqual(Codec.Base64.encode(keys.clientProof(authMessage)), proof, "\(hash)")
            XCTAssertEqual(Codec.Base64.encode(keys.serverSignature(authMessage)), signature, "\(hash)")
        }
    }
}
