import XCTest

@testable import CurlURL

final class ResolutionTests: XCTestCase {
    // RFC 3986 section 5.4, base "http://a/b/c/d;p?q".
    static let normal: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ]
    static let abnormal: [(String, String)] = [
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
    ]

    func testRFC3986Examples() {
        let base = URIReference(splitting: "http://a/b/c/d;p?q")
        for (reference, expected) in Self.normal + Self.abnormal {
            XCTAssertEqual(URIReference(splitting: reference).resolved(against: base).string, expected, reference)
        }
    }

    func testRemoveDotSegments() {
        let table = [
            ("/a/b/c/./../../g", "/a/g"), ("mid/content=5/../6", "mid/6"), ("", ""), ("/", "/"),
            ("/..", "/"), ("/.", "/"), ("..", ""), ("../a", "a"), ("/a/..", "/"), ("/a/b/..", "/a/"),
            ("/a//../b", "/a/b"), ("/%2e%2e/x", "/%2e%2e/x"),
        ]
        for (input, expected) in table { XCTAssertEqual(removeDotSegments(input), expected, input) }
        // Hostile input stays linear.
        let long = String(repeating: "/..", count: 20_000) + "/x"
        XCTAssertEqual(removeDotSegments(long), "/x")
    }

    func testCurlURLResolving() throws {
        let base = try CurlURL(parsing: "http://user:pw@example.com:8080/a/b/c?q")
        let table: [(String, String, String?)] = [
            // reference, description, user kept
            ("https://other.example/x", "https://other.example/x", nil),
            ("//other.example/y", "http://other.example/y", nil),
            ("/abs", "http://example.com:8080/abs", "user"),
            ("rel", "http://example.com:8080/a/b/rel", "user"),
            ("../x", "http://example.com:8080/a/x", "user"),
            ("?z=1", "http://example.com:8080/a/b/c?z=1", "user"),
            ("/a b/\u{E9}", "http://example.com:8080/a%20b/%C3%A9", "user"),
            ("HTTP://Upper.example:81", "http://Upper.example:81", nil),
        ]
        for (reference, description, user) in table {
            let target = try base.resolving(reference, supportedSchemes: ["http", "https"])
            XCTAssertEqual(target.description, description, reference)
            XCTAssertEqual(target.user, user, reference)
        }
        let ipv6 = try CurlURL(parsing: "http://[::1]:81/a/b")
        XCTAssertEqual(try ipv6.resolving("c").description, "http://[::1]:81/a/c")
    }

    func testResolvingRejections() throws {
        let base = try CurlURL(parsing: "http://example.com/")
        XCTAssertThrowsError(try base.resolving("ftp://x/", supportedSchemes: ["http", "https"])) { error in
            XCTAssertEqual(error as? CurlURLError, CurlURLError(.unsupportedScheme, "Protocol \"ftp\" not supported"))
        }
        for bad in ["mailto:a@b", "http://", "/a\r\nX: y", "http://host:99999/", "//[::1/"] {
            XCTAssertThrowsError(try base.resolving(bad, supportedSchemes: ["http", "https"]), bad) { error in
                XCTAssertEqual(
                    (error as? CurlURLError)?.kind, bad == "mailto:a@b" ? .unsupportedScheme : .malformed, bad)
            }
        }
    }
}
