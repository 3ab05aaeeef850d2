import CurlURL
import FuzzSupport

// A URL as the tools parse it, then (after the first LF) a reference resolved against it as a
// redirect's Location is; what each gives is parsed again.
fuzz { data in
    let parts = String(decoding: data, as: UTF8.self).split(
        separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let url = try? CurlURL(parsing: String(parts[0]), defaultScheme: "http") else { return }
    _ = try? CurlURL(parsing: url.description)
    if parts.count == 2, let next = try? url.resolving(String(parts[1])) {
        _ = try? CurlURL(parsing: next.description)
    }
}
