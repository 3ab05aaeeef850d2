import Codec

/// The first line of a response. Only HTTP/1.0 and HTTP/1.1 are spoken: anything else (HTTP/0.9
/// bodies without a head, HTTP/2 preface) would be misframed, so it is refused.
struct HTTPStatusLine: Equatable {
    var version: HTTPVersion
    var status: Int
    var reason: String

    //  status-line  = HTTP-version SP status-code SP [ reason-phrase ]
    //  HTTP-version = HTTP-name "/" DIGIT "." DIGIT
    //  status-code  = 3DIGIT
    //  reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
    //  The SP after the code is tolerated when missing (RFC 9112 4: "HTTP/1.1 200").
    static func parse(_ line: [UInt8]) throws -> HTTPStatusLine {
        let version: HTTPVersion
        if line.starts(with: "HTTP/1.1".utf8) {
            version = .http11
        } else if line.starts(with: "HTTP/1.0".utf8) {
            version = .http10
        } else if line.starts(with: "HTTP/".utf8) {
            let shown = printable(line.prefix(while: { $0 != 0x20 }).prefix(16))
            throw HTTPError.malformed("Unsupported HTTP version in response: \(shown)")
        } else {
            throw HTTPError.malformed("Invalid status line: the response does not start with HTTP/1.x")
        }
        let rest = line.dropFirst(8)
        guard rest.count >= 4, rest.first == 0x20,
            rest.dropFirst().prefix(3).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else {
            throw HTTPError.malformed("Invalid status line: no three-digit status code")
        }
        let digits = Array(rest.dropFirst().prefix(3))
        let status = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let afterCode = rest.dropFirst(4)
        guard afterCode.isEmpty || afterCode.first == 0x20 else {
            throw HTTPError.malformed("Invalid status line: no three-digit status code")
        }
        guard status >= 100 else { throw HTTPError.malformed("Invalid status line: status code \(status)") }
        let reason = afterCode.dropFirst()
        guard !reason.contains(where: { $0 == 0 || $0 == 0x0D }) else {
            throw HTTPError.malformed("Invalid status line: control character in reason phrase")
        }
        return HTTPStatusLine(version: version, status: status, reason: String(decoding: reason, as: UTF8.self))
    }
}
