/// OAUTHBEARER (RFC 7628) and XOAUTH2 (Google's earlier form), built in because Cyrus has
/// neither. The client speaks first, once; the server accepts, or sends an error challenge
/// (JSON), which the client acknowledges so the server can fail the exchange (RFC 7628 §3.2.3).
final class OAuthExchange: SASLEngine {
    private enum State { case initial, sent, refused }

    private let message: [UInt8]
    private let acknowledgement: [UInt8]
    private var state = State.initial

    /// OAUTHBEARER; `port` is left out when unknown.
    init(oauthBearerFor credentials: SASLCredentials, token: String, host: String, port: Int?) {
        // As curl, the user is the authorization identity unless --sasl-authzid names another.
        message = Self.oauthBearerMessage(
            authorizationID: credentials.effectiveAuthorizationID ?? credentials.user,
            host: host, port: port, token: token)
        acknowledgement = [0x01]
    }

    /// XOAUTH2: no authorization identity, the error acknowledgement is an empty response.
    init(xoauth2For credentials: SASLCredentials, token: String) {
        message = Array("user=\(credentials.user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8)
        acknowledgement = []
    }

    var isComplete: Bool { state == .sent }

    func start() throws(SASLError) -> [UInt8]? {
        state = .sent
        return message
    }

    func step(_ challenge: [UInt8]) throws(SASLError) -> [UInt8] {
        guard state == .sent else {
            throw SASLError(.badChallenge, "the server sent another challenge after refusing the bearer token")
        }
        // Any challenge after the client's message is the server's error report.
        state = .refused
        return acknowledgement
    }

    // RFC 7628 §3.1:
    // client-resp = (gs2-header kvsep *kvpair kvsep) / kvsep
    // gs2-header  = gs2-cbind-flag "," [ authzid ] ","      ; here "n,", no channel binding
    // kvpair      = key "=" value kvsep ; host, port, auth ; kvsep = %x01
    static func oauthBearerMessage(authorizationID: String, host: String, port: Int?, token: String) -> [UInt8] {
        var text = "n," + (authorizationID.isEmpty ? "" : "a=" + saslName(authorizationID)) + ",\u{1}"
        text += "host=\(host)\u{1}"
        if let port { text += "port=\(port)\u{1}" }
        text += "auth=Bearer \(token)\u{1}\u{1}"
        return Array(text.utf8)
    }

    /// RFC 5801 saslname: "," and "=" are written "=2C" and "=3D".
    static func saslName(_ name: String) -> String {
        var out = ""
        for character in name {
            switch character {
            case ",": out += "=2C"
            case "=": out += "=3D"
            default: out.append(character)
            }
        }
        return out
    }
}
