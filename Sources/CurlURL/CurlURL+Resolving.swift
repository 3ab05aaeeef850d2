extension CurlURL {
    /// The URL a reference such as an HTTP `Location` value points to, relative to this one
    /// (RFC 3986 5.2: absolute URL, `//host/path`, `/abs`, `rel`, `../x`, `?q`).
    ///
    /// As curl does when following a redirect, spaces and bytes above 0x7F in the reference are
    /// percent-encoded first; other control bytes still make it malformed. The target is then
    /// parsed like any URL, so it must name a host and a scheme in `supportedSchemes`.
    /// A reference that keeps this URL's authority keeps its userinfo.
    public func resolving(_ reference: String, supportedSchemes: Set<String>? = nil) throws(CurlURLError) -> CurlURL {
        let encoded = PercentEncoding.encode(reference.utf8, keeping: { $0 != 0x20 && $0 < 0x80 })
        let target = URIReference(splitting: encoded).resolved(against: uriReference)
        guard let scheme = target.scheme?.lowercased() else { throw CurlURLError.malformedInput }
        if let supportedSchemes, !supportedSchemes.contains(scheme) {
            throw CurlURLError.unsupported(scheme)
        }
        guard target.authority != nil else { throw CurlURLError.malformedInput }
        return try CurlURL(parsing: target.string, supportedSchemes: supportedSchemes)
    }

    /// This URL as RFC 3986 components, credentials re-encoded.
    var uriReference: URIReference {
        var authority = ""
        if let user {
            authority += PercentEncoding.encode(user.utf8)
            if let loginOptions { authority += ";" + PercentEncoding.encode(loginOptions.utf8) }
            if let password { authority += ":" + PercentEncoding.encode(password.utf8) }
            authority += "@"
        }
        authority += bracketedHost
        if let port { authority += ":" + String(port) }
        return URIReference(scheme: scheme, authority: authority, path: path, query: query)
    }
}
