import CLI
import CurlURL
import MailCLI
import SMTP
import TLS

#if canImport(Glibc)
    import Glibc
#endif

/// One open, greeted, upgraded and authenticated SMTP session for a URL: what a single send and
/// each destination of a queue flush start with.
struct SMTPConnection {
    let session: SMTPSession

    static func open(
        url text: String, shared: MailToolOptions, context: ToolContext, notes: Notes
    ) throws
        -> SMTPConnection
    {
        let url = try CurlURL(parsing: text, defaultScheme: "smtp", supportedSchemes: ["smtp", "smtps"])
        let implicitTLS = url.scheme == "smtps"
        let clientName = try ehloName(url)
        _ = try SMTPCommand.ehlo(clientName)  // refused here, before connecting, if unusable
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 465 : 25, context: context)
        let stream = try setup.open()
        let session = SMTPSession(stream: stream, trace: setup.trace, implicitTLS: implicitTLS)
        try session.open(clientName: clientName, tls: setup.upgrade)
        if !session.isSecure {
            // Trying STARTTLS is the default; going on without it must not pass unnoticed.
            if setup.upgrade.policy == .ifOffered {
                notes.line(
                    "warning: \(url.host) does not offer STARTTLS; continuing WITHOUT TLS "
                        + "(--ssl-reqd refuses this, --no-ssl asks for it)")
            }
        }
        if let credentials = setup.credentials {
            try session.authenticate(
                credentials: credentials, preference: setup.preference, serverHost: url.host,
                serverPort: setup.port, allowPlaintext: setup.allowPlaintextCredentials,
                initialResponse: setup.initialResponse, channelBinding: stream.channelBinding)
        }
        return SMTPConnection(session: session)
    }

    /// The EHLO name: the URL's path as in curl (`smtp://host/client.example`), else this
    /// machine's host name; never the upload file's name.
    static func ehloName(_ url: CurlURL) throws -> String {
        let path = url.path.drop { $0 == "/" }
        if !path.isEmpty {
            return String(decoding: try PercentEncoding.decode(path), as: UTF8.self)
        }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
