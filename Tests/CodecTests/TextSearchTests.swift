import Codec
import XCTest

/// Codec's substring search, which replaced `_StringProcessing`'s `contains`, `firstRange(of:)`
/// and `replacing(_:with:)` on strings; compared with those (the tests still import them).
final class TextSearchTests: XCTestCase {
    func testFindsTheFirstOccurrenceLikeTheCollectionAlgorithm() {
        let cases: [(String, String)] = [
            ("imaps://host", "://"), ("a::b::c", "::"), ("::", "::"), (":", "::"), ("", "x"), ("abc", ""),
            ("aaab", "aab"), ("queued as 4XyZ", "queued as "), ("é::e\u{301}", "::"), ("xyz", "xyzz"),
        ]
        for (text, target) in cases {
            XCTAssertEqual(text.firstRange(ofText: target), text.firstRange(of: target), "\(text) / \(target)")
            XCTAssertEqual(text.contains(text: target), text.contains(target), "\(text) / \(target)")
            let sub = text[...]
            XCTAssertEqual(sub.firstRange(ofText: target), sub.firstRange(of: target))
        }
    }

    func testReplacesEveryOccurrenceWithoutOverlap() {
        let cases: [(String, String, String)] = [
            ("fe80::1%eth0", "%", "%25"), (#"a"b\c"#, "\\", "\\\\"), (#"a"b"#, "\"", "\\\""), ("aaaa", "aa", "b"),
            ("none", "x", "y"), ("", "x", "y"), ("abc", "", "y"),
        ]
        for (text, target, replacement) in cases {
            let expected = target.isEmpty ? text : text.replacing(target, with: replacement)
            XCTAssertEqual(text.replacingText(target, with: replacement), expected, "\(text)")
        }
    }
}
