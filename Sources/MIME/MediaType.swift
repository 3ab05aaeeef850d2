/// The Content-Type of an attachment from its file name's extension, for the common kinds;
/// anything else is `application/octet-stream` (RFC 2046 4.5.1). `message/rfc822` is not
/// guessed: it may not be base64-encoded (RFC 2046 5.2.1).
public enum MediaType {
    static let byExtension: [String: String] = [
        "txt": "text/plain", "log": "text/plain", "text": "text/plain", "csv": "text/csv",
        "htm": "text/html", "html": "text/html", "css": "text/css", "xml": "application/xml",
        "json": "application/json", "pdf": "application/pdf", "zip": "application/zip",
        "gz": "application/gzip", "tar": "application/x-tar", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml", "webp": "image/webp",
        "ics": "text/calendar", "md": "text/markdown",
    ]

    public static func forFileName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else {
            return "application/octet-stream"
        }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    //  type/subtype with token characters only (RFC 2045 5.1), parameters after ";".
    /// Whether a `type=` value may go into the header as given: `type/subtype` and parameters,
    /// printable ASCII, no line break.
    public static func isAcceptable(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash < bytes.count - 1 else {
            return false
        }
        return bytes.allSatisfy { (32...126).contains($0) }
    }
}
