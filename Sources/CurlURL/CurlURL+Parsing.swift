import Codec
import IDN

extension CurlURL {
    /// Schemes whose userinfo may carry `;options` (curl's PROTOPT_URLOPTIONS protocols).
    static let schemesWithLoginOptions: Set<String> = ["imap", "imaps", "pop3", "pop3s", "smtp", "smtps"]

    /// Parses a URL the way curl does.
    ///
    /// - Parameters:
    ///   - defaultScheme: used when the text has no `scheme://` (curl guesses `http` for
    ///     `localhost/x`); nil makes a missing scheme an error.
    ///   - supportedSchemes: schemes the tool speaks; others fail with `.unsupportedScheme`
    ///     (curl 1). Nil accepts any well-formed scheme.
    /// - Throws: `CurlURLError`: `.malformed` (curl 3) for spaces or control bytes anywhere, an
    ///   empty or bad host, a bad port (not 1...65535), an unterminated `[` or a bad IPv6 literal,
    ///   bad percent-encoding or control bytes in the userinfo.
    //  URI       = scheme "://" authority path-abempty [ "?" query ] [ "#" fragment ]
    //  authority = [ userinfo "@" ] host [ ":" port ]
    public init(
        parsing text: String, defaultScheme: String? = nil,
        supportedSchemes: Set<String>? = nil
    ) throws(CurlURLError) {
        // Control bytes and spaces are refused outright: a CR LF in a URL would split a command.
        guard !text.isEmpty, !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw CurlURLError.malformedInput
        }
        var rest = Substring(text)
        let scheme: String
        if let separator = rest.firstRange(ofText: "://"), URIReference.isScheme(rest[..<separator.lowerBound]) {
            scheme = rest[..<separator.lowerBound].lowercased()
            rest = rest[separator.upperBound...]
        } else if let defaultScheme {
            scheme = defaultScheme.lowercased()
        } else {
            throw CurlURLError.noScheme
        }
        if let supportedSchemes, !supportedSchemes.contains(scheme) {
            throw CurlURLError.unsupported(scheme)
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: String?
        if let question = rest.firstIndex(of: "?") {
            query = CurlURL.encodingNonASCII(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]

        self.init(scheme: scheme, host: "")
        if let at = authority.firstIndex(of: "@") {
            try parseUserinfo(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        try parseHostAndPort(authority)
        self.path = removeDotSegments(CurlURL.encodingNonASCII(path))
        self.query = query
    }

    //  userinfo = user [ ";" options ] [ ":" password ]      (curl's login syntax)
    //           / user ":" password [ ";" options ]          (curl reads this order too)
    private mutating func parseUserinfo(_ userinfo: Substring) throws(CurlURLError) {
        var userPart = userinfo
        let takesOptions = CurlURL.schemesWithLoginOptions.contains(scheme)
        if let colon = userinfo.firstIndex(of: ":") {
            var passwordPart = userinfo[userinfo.index(after: colon)...]
            userPart = userinfo[..<colon]
            // A `;` after the password starts the options when the user part has none, as
            // curl's login parser reads `user:secret;AUTH=PLAIN` (curl test 1982).
            if takesOptions, !userPart.contains(";"), let semicolon = passwordPart.firstIndex(of: ";") {
                loginOptions = try CurlURL.decodeLogin(passwordPart[passwordPart.index(after: semicolon)...])
                passwordPart = passwordPart[..<semicolon]
            }
            password = try CurlURL.decodeLogin(passwordPart)
        }
        if takesOptions, let semicolon = userPart.firstIndex(of: ";") {
            loginOptions = try CurlURL.decodeLogin(userPart[userPart.index(after: semicolon)...])
            userPart = userPart[..<semicolon]
        }
        user = try CurlURL.decodeLogin(userPart)
    }

    /// Decoded credentials must be UTF-8 without control bytes: they end up inside protocol
    /// commands (`LOGIN`, `USER`), where a decoded CR LF would inject a command.
    private static func decodeLogin(_ text: Substring) throws(CurlURLError) -> String {
        let bytes: [UInt8]
        do { bytes = try PercentEncoding.decode(text) } catch { throw CurlURLError.badLogin }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }),
            let decoded = String(validating: bytes, as: UTF8.self)
        else { throw CurlURLError.badLogin }
        return decoded
    }

    //  host       = IP-literal / IPv4address / reg-name
    //  IP-literal = "[" ( IPv6address / IPv6addrz ) "]"
    //  port       = *DIGIT
    private mutating func parseHostAndPort(_ hostport: Substring) throws(CurlURLError) {
        var portText: Substring?
        if hostport.hasPrefix("[") {
            guard let close = hostport.firstIndex(of: "]") else { throw CurlURLError.badIPv6 }
            guard let address = IPv6Literal.parse(hostport[hostport.index(after: hostport.startIndex)..<close]) else {
                throw CurlURLError.badIPv6
            }
            host = address
            let after = hostport[hostport.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw CurlURLError.malformedInput }
                portText = after.dropFirst()
            }
        } else {
            if let colon = hostport.firstIndex(of: ":") {
                portText = hostport[hostport.index(after: colon)...]
                host = String(hostport[..<colon])
            } else {
                host = String(hostport)
            }
            guard !host.isEmpty else { throw CurlURLError.noHost }
            // An internationalised name is used in its A-label form (DNS, SNI, certificate
            // check), converted as curl converts it (IDNA2008 through libidn2).
            if IDNA.needsConversion(host) {
                switch IDNA.aLabel(host) {
                case .converted(let ascii): host = ascii
                case .refused(let reason):
                    throw CurlURLError(.malformed, "Failed to convert \(host) to ACE; \(reason)")
                }
            }
            guard host.utf8.allSatisfy(CurlURL.isHostNameByte) else { throw CurlURLError.badHostname }
        }
        // An empty port (`host:`) means the default, as in RFC 3986 and curl.
        if let portText, !portText.isEmpty {
            port = try CurlURL.parsePort(portText)
        }
    }

    /// Letters, digits, `-`, `.`, `_`, `~`: what DNS names and IPv4 addresses use. curl refuses
    /// the rest (`%`, `@`, quotes, …); a name with bytes above 0x7F is converted first (IDNA).
    private static func isHostNameByte(_ byte: UInt8) -> Bool {
        PercentEncoding.isUnreserved(byte)
    }

    private static func parsePort(_ text: Substring) throws(CurlURLError) -> Int {
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw CurlURLError.badPort }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value <= 65535 else { throw CurlURLError.badPort }
        }
        guard value > 0 else { throw CurlURLError.badPort }
        return value
    }

    /// Encodes bytes above 0x7F so request lines stay ASCII; everything else is kept as given.
    static func encodingNonASCII(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return String(text) }
        return PercentEncoding.encode(text.utf8, keeping: { $0 < 0x80 })
    }
}
