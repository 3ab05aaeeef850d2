import XCTest

@testable import FTP

final class FTPPassiveAddressTests: XCTestCase {
    private func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    func testEPSVReplies() throws {
        let table: [(String, UInt16)] = [
            ("Entering Extended Passive Mode (|||6446|)", 6446),
            ("Entering Extended Passive Mode (!!!1!)", 1),
            ("ok (###65535#)", 65535),
        ]
        for (text, port) in table {
            XCTAssertEqual(try FTPPassiveAddress.parseEPSV(bytes(text)), FTPPassiveAddress(host: nil, port: port), text)
        }
    }

    func testBadEPSVRepliesAreCurl13() {
        for text in [
            "no parentheses", "(|||0|)", "(|||65536|)", "(||6446|)", "(|||6446!)", "(1116446|)", "(|||64a6|)",
            "(|||6446|", "(|||123456|)", "(||||)",
        ] {
            XCTAssertThrowsError(try FTPPassiveAddress.parseEPSV(bytes(text)), text) { error in
                XCTAssertEqual((error as? FTPError)?.curlCode.rawValue, 13, text)
            }
        }
    }

    func testPASVReplies() throws {
        let table: [(String, FTPPassiveAddress)] = [
            ("Entering Passive Mode (127,0,0,1,78,52).", FTPPassiveAddress(host: "127.0.0.1", port: 20020)),
            ("Entering Passive Mode 10,1,2,3,0,21", FTPPassiveAddress(host: "10.1.2.3", port: 21)),
            ("=192,168,0,9,255,255", FTPPassiveAddress(host: "192.168.0.9", port: 65535)),
        ]
        for (text, address) in table {
            XCTAssertEqual(try FTPPassiveAddress.parsePASV(bytes(text)), address, text)
        }
    }

    func testBadPASVRepliesAreCurl14() {
        for text in [
            "nothing", "(127,0,0,1,78)", "(256,0,0,1,78,52)", "(127,0,0,1,0,0)", "(127,0,0,1,78,5222)",
            "(127;0;0;1;78;52)", "(127,0,0,1,,52)",
        ] {
            XCTAssertThrowsError(try FTPPassiveAddress.parsePASV(bytes(text)), text) { error in
                XCTAssertEqual((error as? FTPError)?.curlCode.rawValue, 14, text)
            }
        }
    }
}
