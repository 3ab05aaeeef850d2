import Codec

/// A user name and password for HTTP Basic authentication (RFC 7617), from `-u` or the URL.
public struct HTTPCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The Authorization value: `Basic base64(user ":" password)`, UTF-8 as RFC 7617 2.1 allows.
    var basicAuthorization: String {
        "Basic " + Base64.encode(Array((user + ":" + password).utf8))
    }
}
