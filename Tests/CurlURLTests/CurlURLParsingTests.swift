import XCTest

@testable import CurlURL

final class CurlURLParsingTests: XCTestCase {
    struct Parts: Equatable {
        var scheme: String
        var user: String? = nil
        var password: String? = nil
        var options: String? = nil
        var host: String
        var port: Int? = nil
        var path: String = ""
        var query: String? = nil
    }

    private func parts(_ url: CurlURL) -> Parts {
        Parts(
            scheme: url.scheme, user: url.user, password: url.password, options: url.loginOptions,
            host: url.host, port: url.port, path: url.path, query: url.query)
    }

    func testAccepted() throws {
        let table: [(String, Parts)] = [
            ("http://example.com", Parts(scheme: "http", host: "example.com")),
            // curl's login parser also reads the options after the password (curl test 1982).
            (
                "imap://user.one:secret;AUTH=XOAUTH2@h/",
                Parts(
                    scheme: "imap", user: "user.one", password: "secret", options: "AUTH=XOAUTH2", host: "h", path: "/")
            ),
            (
                "imap://u;AUTH=PLAIN:p;q@h/",
                Parts(scheme: "imap", user: "u", password: "p;q", options: "AUTH=PLAIN", host: "h", path: "/")
            ),
            (
                "HTTPS://Example.COM:8443/a/b?x=1#frag",
                Parts(scheme: "https", host: "Example.COM", port: 8443, path: "/a/b", query: "x=1")
            ),
            ("http://[::1]:8080/", Parts(scheme: "http", host: "::1", port: 8080, path: "/")),
            ("http://[2001:db8::7]", Parts(scheme: "http", host: "2001:db8::7")),
            ("http://[::ffff:192.0.2.1]/x", Parts(scheme: "http", host: "::ffff:192.0.2.1", path: "/x")),
            ("http://[fe80::1%25eth0]/", Parts(scheme: "http", host: "fe80::1%eth0", path: "/")),
            (
                "imap://user%40example.com:p%3Ass@mail.example.com/INBOX",
                Parts(
                    scheme: "imap", user: "user@example.com", password: "p:ss", host: "mail.example.com", path: "/INBOX"
                )
            ),
            (
                "imaps://user;AUTH=PLAIN:secret@host/",
                Parts(
                    scheme: "imaps", user: "user", password: "secret",
                    options: "AUTH=PLAIN", host: "host", path: "/")
            ),
            ("http://user;x@host/", Parts(scheme: "http", user: "user;x", host: "host", path: "/")),
            ("http://:pw@host/", Parts(scheme: "http", user: "", password: "pw", host: "host", path: "/")),
            (
                "ftp://anonymous@ftp.example.org:2121/pub/file.txt",
                Parts(scheme: "ftp", user: "anonymous", host: "ftp.example.org", port: 2121, path: "/pub/file.txt")
            ),
            ("localhost/x", Parts(scheme: "http", host: "localhost", path: "/x")),
            ("localhost:8080", Parts(scheme: "http", host: "localhost", port: 8080)),
            ("http://host:/p", Parts(scheme: "http", host: "host", path: "/p")),
            ("http://host?q=1", Parts(scheme: "http", host: "host", query: "q=1")),
            ("http://host/?", Parts(scheme: "http", host: "host", path: "/", query: "")),
            ("http://host/a/./b/../c", Parts(scheme: "http", host: "host", path: "/a/c")),
            ("http://host/%7Euser/%2e%2e", Parts(scheme: "http", host: "host", path: "/%7Euser/%2e%2e")),
            ("http://host/\u{E9}?\u{E9}", Parts(scheme: "http", host: "host", path: "/%C3%A9", query: "%C3%A9")),
            ("http://1.2.3.4:65535", Parts(scheme: "http", host: "1.2.3.4", port: 65535)),
            ("http://host:00080/", Parts(scheme: "http", host: "host", port: 80, path: "/")),
            ("imap://host/INBOX/;UID=7", Parts(scheme: "imap", host: "host", path: "/INBOX/;UID=7")),
            (
                "localhost/redirect?to=http://x",
                Parts(scheme: "http", host: "localhost", path: "/redirect", query: "to=http://x")
            ),
        ]
        for (input, expected) in table {
            XCTAssertEqual(parts(try CurlURL(parsing: input, defaultScheme: "http")), expected, input)
        }
    }

    func testRejected() {
        let malformed = "URL rejected: Malformed input to a URL function"
        let badPort = "URL rejected: Port number was not a decimal number between 0 and 65535"
        let noHost = "URL rejected: No host part in the URL"
        let badIPv6 = "URL rejected: Bad IPv6 address"
        let badLogin = "URL rejected: Bad login part"
        let badHost = "URL rejected: Bad hostname"
        let table: [(String, String)] = [
            ("", malformed),
            ("http://", noHost),
            ("http:///path", noHost),
            ("http://user@/", noHost),
            ("http://:80/", noHost),
            ("http://host:abc/", badPort),
            ("http://host:8o/", badPort),
            ("http://host:65536/", badPort),
            ("http://host:99999999999999999999999/", badPort),
            ("http://host:0/", badPort),
            ("http://host:-1/", badPort),
            ("http://ho st/", malformed),
            ("http://host/a b", malformed),
            ("http://host/a\r\nHost: evil", malformed),
            ("http://host/\n", malformed),
            ("http://host/\0", malformed),
            ("http://host/\u{7F}", malformed),
            ("http://host/\t", malformed),
            ("http://host/\u{1B}[31m", malformed),
            ("http://[::1/", badIPv6),
            ("http://[::1", badIPv6),
            ("http://[::g]/", badIPv6),
            ("http://[1:2:3:4:5:6:7:8:9]/", badIPv6),
            ("http://[1:2:3:4:5:6:7]/", badIPv6),
            ("http://[1::2::3]/", badIPv6),
            ("http://[:::1]/", badIPv6),
            ("http://[v1.x]/", badIPv6),
            ("http://[]/", badIPv6),
            ("http://[fe80::1%eth0]/", badIPv6),
            ("http://[::1]x/", malformed),
            ("http://us%zzer@host/", badLogin),
            ("http://us%4@host/", badLogin),
            ("imap://a%0d%0aA1%20LOGOUT@host/", badLogin),
            ("smtp://user:pa%00ss@host/", badLogin),
            ("http://u:%FF@host/", badLogin),
            ("http://ho%41st/", badHost),
            ("http://a@b@host/", badHost),
            ("http://ex_am'ple/", badHost),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try CurlURL(parsing: input, defaultScheme: "http"), input) { error in
                XCTAssertEqual(error as? CurlURLError, CurlURLError(.malformed, message), input)
            }
        }
    }

    func testUnsupportedScheme() {
        XCTAssertThrowsError(try CurlURL(parsing: "gopher://host/", supportedSchemes: ["http", "https"])) { error in
            XCTAssertEqual(
                error as? CurlURLError, CurlURLError(.unsupportedScheme, "Protocol \"gopher\" not supported"))
        }
        XCTAssertThrowsError(try CurlURL(parsing: "host/", defaultScheme: "ftp", supportedSchemes: ["http"])) { error in
            XCTAssertEqual((error as? CurlURLError)?.kind, .unsupportedScheme)
        }
        XCTAssertNoThrow(try CurlURL(parsing: "HTTP://host/", supportedSchemes: ["http"]))
    }

    func testMissingSchemeWithoutDefault() {
        XCTAssertThrowsError(try CurlURL(parsing: "localhost/x")) { error in
            XCTAssertEqual((error as? CurlURLError)?.kind, .malformed)
        }
    }

    func testDefaultPorts() {
        let table: [(String, Int?)] = [
            ("http", 80), ("https", 443), ("smtp", 25), ("smtps", 465), ("imap", 143), ("imaps", 993),
            ("pop3", 110), ("pop3s", 995), ("ftp", 21), ("ftps", 990), ("ldap", 389), ("ldaps", 636),
            ("HTTPS", 443), ("gopher", nil),
        ]
        for (scheme, port) in table {
            XCTAssertEqual(CurlURL.defaultPort(for: scheme), port, scheme)
        }
        XCTAssertEqual(try CurlURL(parsing: "imaps://h/").effectivePort, 993)
        XCTAssertEqual(try CurlURL(parsing: "imaps://h:1993/").effectivePort, 1993)
    }

    func testRendering() throws {
        let table: [(String, String, String, String)] = [
            // input, requestTarget, hostHeader, description
            ("http://example.com", "/", "example.com", "http://example.com"),
            ("http://example.com:80/a?b", "/a?b", "example.com", "http://example.com:80/a?b"),
            ("https://example.com:443?q", "/?q", "example.com", "https://example.com:443?q"),
            ("http://example.com:8080/", "/", "example.com:8080", "http://example.com:8080/"),
            ("https://example.com:80/", "/", "example.com:80", "https://example.com:80/"),
            ("http://[::1]:8080/x", "/x", "[::1]:8080", "http://[::1]:8080/x"),
            ("http://[::1]/", "/", "[::1]", "http://[::1]/"),
            ("http://[fe80::1%25eth0]/", "/", "[fe80::1]", "http://[fe80::1%25eth0]/"),
            ("http://user:secret@host/p", "/p", "host", "http://host/p"),
        ]
        for (input, target, hostHeader, description) in table {
            let url = try CurlURL(parsing: input)
            XCTAssertEqual(url.requestTarget, target, input)
            XCTAssertEqual(url.hostHeader, hostHeader, input)
            XCTAssertEqual(url.description, description, input)
        }
        XCTAssertEqual(try CurlURL(parsing: "http://[::1]/").bracketedHost, "[::1]")
        XCTAssertTrue(try CurlURL(parsing: "http://[::1]/").isIPv6Literal)
        XCTAssertFalse(try CurlURL(parsing: "http://127.0.0.1/").isIPv6Literal)
    }

    func testSameOrigin() throws {
        let base = try CurlURL(parsing: "http://Example.com/a")
        XCTAssertTrue(base.hasSameOrigin(as: try CurlURL(parsing: "http://example.com:80/b")))
        XCTAssertFalse(base.hasSameOrigin(as: try CurlURL(parsing: "https://example.com/b")))
        XCTAssertFalse(base.hasSameOrigin(as: try CurlURL(parsing: "http://example.com:8080/b")))
        XCTAssertFalse(base.hasSameOrigin(as: try CurlURL(parsing: "http://other.com/a")))
    }
}
