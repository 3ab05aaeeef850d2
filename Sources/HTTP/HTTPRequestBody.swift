/// What a request sends after its head.
public enum HTTPRequestBody: Sendable, Equatable {
    /// `-d`: bytes in memory, sent with Content-Length. curl's `-d` uses the content type
    /// `application/x-www-form-urlencoded`; nil sends no Content-Type.
    case bytes([UInt8], contentType: String?)
    /// `-T file`: streamed in bounded chunks. A regular file is sent with Content-Length from
    /// its size and re-opened when a 307/308 redirect needs it again; anything else (a FIFO,
    /// `/dev/stdin`) is sent chunked and cannot be replayed.
    case file(path: String)
    /// `-T -`: read to its end and sent chunked (the size is unknown); cannot be replayed.
    /// The descriptor is not closed.
    case fileDescriptor(Int32)

    /// The method curl uses for this body when `-X` does not say: POST for `-d`, PUT for `-T`.
    var defaultMethod: String {
        if case .bytes = self { return "POST" }
        return "PUT"
    }
}
