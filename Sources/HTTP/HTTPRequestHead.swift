import Codec
import CurlURL

/// The request line and header fields of one request, in the order curl sends them.
struct HTTPRequestHead: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// How the body is delimited: it decides Content-Length or Transfer-Encoding.
    enum BodyLength: Sendable, Equatable {
        case none
        case length(Int64)
        /// The size is unknown in advance (an upload from stdin).
        case chunked
    }

    var method: String
    var target: String
    var fields: [Field]

    /// Assembles the head: `Host`, `Authorization`, `User-Agent`, `Accept: */*`, then the custom
    /// headers in their order, then `Content-Length` (or `Transfer-Encoding: chunked`) and
    /// `Content-Type`. A custom header of the same name (any case) replaces a default one.
    /// - Throws: `HTTPError(.badRequestArgument)` for a method that is not a token or a
    ///   value with CR, LF or NUL.
    //  request-line = method SP request-target SP HTTP-version
    //  method       = token
    init(
        method: String, url: CurlURL, userAgent: String?, authorization: String? = nil,
        customHeaders: [HTTPCustomHeader] = [], bodyLength: BodyLength = .none,
        contentType: String? = nil
    ) throws {
        guard HTTPField.isToken(method) else {
            throw HTTPError(.badRequestArgument, "Invalid request method \"\(printable(method.utf8.prefix(60)))\"")
        }
        self.method = method
        self.target = url.requestTarget
        self.fields = []

        func addDefault(_ name: String, _ value: String?) {
            guard let value, !customHeaders.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                return
            }
            fields.append(Field(name: name, value: value))
        }
        addDefault("Host", url.hostHeader)
        addDefault("Authorization", authorization)
        addDefault("User-Agent", userAgent)
        addDefault("Accept", "*/*")
        for header in customHeaders {
            switch header {
            case .set(let name, let value): fields.append(Field(name: name, value: value))
            case .empty(let name): fields.append(Field(name: name, value: ""))
            case .remove: break
            }
        }
        switch bodyLength {
        case .none: break
        case .length(let count): addDefault("Content-Length", String(count))
        case .chunked: addDefault("Transfer-Encoding", "chunked")
        }
        addDefault("Content-Type", contentType)

        let texts = [target] + fields.flatMap { [$0.name, $0.value] }
        guard !texts.contains(where: { $0.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) }) else {
            throw HTTPError(.badRequestArgument, "Request header contains CR, LF or NUL")
        }
    }

    /// The lines as sent, without CR LF, the request line first (what `-v` shows after `> `).
    var lines: [String] {
        ["\(method) \(target) HTTP/1.1"] + fields.map { $0.value.isEmpty ? "\($0.name):" : "\($0.name): \($0.value)" }
    }

    /// The bytes to send: every line ended by CR LF, then the empty line.
    var serialized: [UInt8] {
        var out: [UInt8] = []
        for line in lines {
            out.append(contentsOf: line.utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }
}
