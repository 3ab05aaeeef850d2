import CLI
import CurlURL
import MailCLI
import SMTP

#if canImport(Glibc)
    import Glibc
#endif

/// The server a run talks to, from its URL: scheme, EHLO name, and the way to an open,
/// authenticated session (for a message or a command alike).
struct SMTPTarget {
    let url: CurlURL
    let implicitTLS: Bool
    let clientName: String

    /// - Throws: before anything is sent, for a bad URL or an unusable EHLO name.
    init(_ text: String) throws {
        url = try CurlURL(parsing: text, defaultScheme: "smtp", supportedSchemes: ["smtp", "smtps"])
        implicitTLS = url.scheme == "smtps"
        clientName = try Self.ehloName(url)
        _ = try SMTPCommand.ehlo(clientName)  // refused here, before connecting, if unusable
    }

    /// Connects, says EHLO, upgrades to TLS per the options and logs in when credentials are given.
    /// A session that goes on without TLS because the server offers no STARTTLS says so.
    func connect(shared: MailToolOptions, context: ToolContext) throws -> SMTPSession {
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 465 : 25, context: context)
        let stream = try setup.open()
        let session = SMTPSession(stream: stream, trace: setup.trace, implicitTLS: implicitTLS)
        context.report.watch(session)
        try session.open(clientName: clientName, tls: setup.upgrade)
        setup.noteContinuingWithoutTLS(isSecure: session.isSecure)
        if let credentials = setup.credentials {
            try context.report.measure(.authentication) {
                try session.authenticate(
                    credentials: credentials, preference: setup.preference, serverHost: url.host,
                    serverPort: setup.port, allowPlaintext: setup.allowPlaintextCredentials,
                    initialResponse: setup.initialResponse, channelBinding: stream.channelBinding)
            }
        }
        return session
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
