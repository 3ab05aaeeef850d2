/// curl's rules for the request that follows a redirect (`-L`).
enum HTTPRedirect {
    /// The statuses `-L` follows when a Location is present (RFC 9110 15.4).
    static func isFollowed(_ status: Int) -> Bool {
        [301, 302, 303, 307, 308].contains(status)
    }

    /// Whether the next request keeps method and body. curl turns a POST into a GET without
    /// body after 301 and 302 (as browsers do, RFC 9110 15.4.2-3 allows it), any method but HEAD
    /// into GET after 303; 307 and 308 keep both (the body is sent again).
    static func keepsMethod(status: Int, method: String) -> Bool {
        switch status {
        case 301, 302: return method != "POST"
        case 303: return method == "HEAD" || method == "GET"
        default: return true
        }
    }

    /// Custom headers that only go to the origin of the first URL: a redirect elsewhere must not
    /// carry the user's credentials, cookies or host override (curl since 7.83).
    static func isOriginBound(_ header: HTTPCustomHeader) -> Bool {
        ["host", "authorization", "cookie"].contains(header.name.lowercased())
    }
}
