import Codec

/// A URL in curl's form, `scheme://[user[;options][:password]@]host[:port][/path][?query]`,
/// shared by every tool. The fragment is dropped, as curl never sends it.
public struct CurlURL: Sendable, Equatable, CustomStringConvertible {
    /// Lower-cased (`HTTPS://` is `https`).
    public var scheme: String
    /// Percent-decoded; nil when the URL has no userinfo.
    public var user: String?
    /// Percent-decoded; nil when the userinfo has no `:`.
    public var password: String?
    /// curl's login options (`imap://user;AUTH=PLAIN@host`), percent-decoded. Only parsed for the
    /// mail schemes, where curl parses them; elsewhere a `;` belongs to the user name.
    public var loginOptions: String?
    /// A name, an IPv4 address, or an IPv6 address without brackets (`::1`, `fe80::1%eth0`):
    /// what getaddrinfo takes.
    public var host: String
    /// The explicit port, nil when the URL gives none (see `effectivePort`).
    public var port: Int?
    /// As given (percent-encoding kept; bytes above 0x7F encoded), dot segments removed; may be
    /// empty.
    public var path: String
    /// After `?`, without it; nil when there is no `?`.
    public var query: String?

    public init(
        scheme: String, user: String? = nil, password: String? = nil, loginOptions: String? = nil,
        host: String, port: Int? = nil, path: String = "", query: String? = nil
    ) {
        self.scheme = scheme
        self.user = user
        self.password = password
        self.loginOptions = loginOptions
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    /// The well-known port of each scheme the suite speaks.
    public static func defaultPort(for scheme: String) -> Int? {
        switch scheme.lowercased() {
        case "http": return 80
        case "https": return 443
        case "smtp": return 25
        case "smtps": return 465
        case "imap": return 143
        case "imaps": return 993
        case "pop3": return 110
        case "pop3s": return 995
        case "ftp": return 21
        case "ftps": return 990
        case "ldap": return 389
        case "ldaps": return 636
        default: return nil
        }
    }

    /// The explicit port, else the scheme's default (nil only for a scheme without one).
    public var effectivePort: Int? { port ?? CurlURL.defaultPort(for: scheme) }

    /// True when `host` is an IPv6 address (it then needs brackets in URLs and Host headers).
    public var isIPv6Literal: Bool { host.contains(":") }

    /// The host as written in a URL: `[::1]`, `[fe80::1%25eth0]`, `example.com`.
    public var bracketedHost: String {
        guard isIPv6Literal else { return host }
        return "[" + host.replacingText("%", with: "%25") + "]"
    }

    /// HTTP's request-target in origin-form (RFC 9112 3.2.1): path and query, `/` for an empty path.
    //  origin-form = absolute-path [ "?" query ]
    public var requestTarget: String {
        let absolutePath = path.isEmpty ? "/" : (path.hasPrefix("/") ? path : "/" + path)
        guard let query else { return absolutePath }
        return absolutePath + "?" + query
    }

    /// The Host header value (RFC 9110 7.2): `uri-host [ ":" port ]`, the port only when it is
    /// not the scheme's default, IPv6 in brackets without a zone (RFC 6874 section 4).
    public var hostHeader: String {
        var name = host
        if isIPv6Literal {
            if let percent = name.firstIndex(of: "%") { name = String(name[..<percent]) }
            name = "[" + name + "]"
        }
        if let port, port != CurlURL.defaultPort(for: scheme) { return name + ":" + String(port) }
        return name
    }

    /// `scheme://host[:port]path[?query]` without credentials, for messages and `-v`.
    public var description: String {
        var out = scheme + "://" + bracketedHost
        if let port { out += ":" + String(port) }
        out += path
        if let query { out += "?" + query }
        return out
    }

    /// Scheme, host and effective port: credentials and custom Host, Authorization and Cookie
    /// headers are only sent where this equals the first URL's (curl since 7.83).
    public func hasSameOrigin(as other: CurlURL) -> Bool {
        scheme == other.scheme && host.lowercased() == other.host.lowercased() && effectivePort == other.effectivePort
    }
}
