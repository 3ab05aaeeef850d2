/// Plain-words explanations of handshakes that fail for a reason the user can fix, judged from
/// what any backend can see (the first bytes the server sent, the alert, the user's options).
public enum HandshakeDiagnosis {
    /// The first bytes of a mail or FTP server's plaintext greeting: `220 ` (SMTP, FTP), `* OK`
    /// (IMAP), `+OK` (POP3). A TLS record starts with a content type (20...24), never with these.
    static let plaintextGreetings: [[UInt8]] = [
        Array("220 ".utf8), Array("220-".utf8), Array("* OK".utf8),
        Array("* PREAUTH".utf8), Array("+OK".utf8),
    ]

    /// How many leading bytes the backend should keep for `plaintextAnswer`.
    public static let greetingPrefixLength = 9

    /// When an implicit-TLS handshake (`smtps://` against port 587) is answered with a plaintext
    /// greeting, the server expects STARTTLS: the message says so and names the scheme to use.
    /// Nil without a `startTLSScheme` (after STARTTLS itself, or for HTTPS, the advice is wrong).
    public static func plaintextAnswer(firstBytes: [UInt8], startTLSScheme: String?) -> String? {
        guard let scheme = startTLSScheme,
            plaintextGreetings.contains(where: { greeting in
                firstBytes.count >= min(greeting.count, 3) && firstBytes.starts(with: greeting.prefix(firstBytes.count))
            })
        else { return nil }
        return "the server answered in plaintext: it expects STARTTLS; try \(scheme):// (STARTTLS is used by default)"
    }

    /// The plaintext scheme of a service whose implicit-TLS scheme is `scheme` (`smtps` ->
    /// `smtp`), for the mail and FTP services that have a STARTTLS form; nil for others (https).
    public static func startTLSScheme(forImplicitTLS scheme: String) -> String? {
        ["smtps": "smtp", "imaps": "imap", "pop3s": "pop3", "ftps": "ftp"][scheme.lowercased()]
    }

    /// The server refused every version the user allowed (a protocol_version alert, or it chose
    /// one outside the window): name the window, which the user set.
    public static func versionRefused(_ configuration: TLSConfiguration) -> String {
        let window = configuration.versionWindow
        return "the server does not accept TLS \(window.lowerBound.curlName)–\(window.upperBound.curlName) "
            + "(the versions allowed by --tlsv1.x and --tls-max)"
    }
}
