import XCTest

@testable import DNS

/// SHA-256 and SHA-512 against openssl's digests, at every padding boundary (55/56 and 63/64
/// bytes for SHA-256, 111/112 and 127/128 for SHA-512) and over several blocks.
final class SHA2Tests: XCTestCase {
    let expected: [(Int, String, String)] = [
        (
            0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        (
            3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
        (
            55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005",
            "9e50039c6597302efab3d4390664894b7adc7039ee61f22d752148f8c5d1924573278186434c21874a7502ef2bd76f3d2902c41a4ac5d6668c9146520f62ffa8"
        ),
        (
            56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51",
            "9b9d6a750ece4b006491a375fc467024bd1e77a84f416b0de602ec75129a743ea5f880804481e91cd9231a58d01d26cf4a3a02e8f8c77b5f81b3fa40f2be395a"
        ),
        (
            63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c",
            "455561e15e7c42a73191e90b2c03fe0c569c9e6cd570ed0351f84063525cd68ca92c02948eb178cfc53300c94e21e5816ddfb020d98a74e0b09ebdd6650ee99b"
        ),
        (
            64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e",
            "1cdcbebccccaed3fa2acc8bcd1835c67514bd29657a348de629aedb0d5503377285b78656a3a794f4cef88708916d23f78ead08d710101e3c9ba6a823ffc6067"
        ),
        (
            111, "11166d480c33d5cf2023d33251a2e024a4e9436cb3f061d99a1908fd1111c829",
            "a467698069eae8ed1e0c6dbfd1b4a247a9f1e7ff4e3af62145ed26f4468bc094610878b7644091141370a47a7638bddc95dbfe8971c34d13c4815d4bb1b3e7f2"
        ),
        (
            112, "43b9d01284b7170bc99bce5d032307646c76361e98da0f82360cc81884893852",
            "a473c93732eef627d02e86d19047a422b586110848ec17dcea13af282a152f7654b0c711e277fd42c1d94bea8b7fed615c52bb0f849227e16240afffc7c56e29"
        ),
        (
            127, "1b9907986f18ddc2b37e18be502d82d69d6e18bb9dff9e16f2aceea7d88cb933",
            "c6ce82cb15c8d7040ef3704b1cb161ae3a7f0ac430433e6d52e3f37bf561271bfd014328660d29ee733a9f7f178671390eb0f80231603c8360246753e6406b8d"
        ),
        (
            128, "6c05be2c4268843ae47e68e611277ce62c02153f2f4d2e1e2a1a4b44f766cf74",
            "217d3d9c0952c3e4907f06d4fbf34460ee852c6af591b07c2fa1c5e16455836374c95ae33e184227913f8a2e227e3bbd5187ce57aa1bad11a80f622412eb0884"
        ),
        (
            1000, "915e53a44c18b19bb06ba5b3f5fcaf1dc4651e8404c63425cfc6174e74659d87",
            "c6017363f579f50a015ce5e21b966a94ecd72a32f624b648263b891df07a2780533400778bd6a71a3507733ddfc4a81454a17859cf4f68571fbaeb73bd70b09d"
        ),
    ]

    /// The first `count` bytes of the alphabet repeated.
    func message(_ count: Int) -> [UInt8] {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        return (0..<count).map { alphabet[$0 % 26] }
    }

    func testSHA256MatchesOpenSSL() {
        for (count, sha256, _) in expected {
            XCTAssertEqual(hexString(SHA256.hash(message(count))), sha256, "\(count) bytes")
        }
    }

    func testSHA512MatchesOpenSSL() {
        for (count, _, sha512) in expected {
            XCTAssertEqual(hexString(SHA512.hash(message(count))), sha512, "\(count) bytes")
        }
    }
}
