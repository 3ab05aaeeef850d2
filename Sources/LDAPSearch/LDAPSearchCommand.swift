import CLI
import Codec
import CurlURL
import LDAP
import MailCLI
import SASL
import TLS
import Transport

/// `ldap-search URL`: one search from an RFC 4516 URL over LDAPS or StartTLS, bound
/// anonymously, with `-u DN:PASSWORD` (simple) or `--login-options AUTH=EXTERNAL` (SASL),
/// printed in curl's layout as the entries arrive.
public enum LDAPSearchCommand {
    static let runner = ToolRunner(
        name: "ldap-search",
        summary: "Search an LDAP directory over LDAPS or StartTLS with curl's LDAP URLs, options and exit codes.",
        specs: LDAPSearchOptions.specs + MailToolOptions.specs,
        protocols: ["ldap", "ldaps"],
        features: ["IPv6", "SSL", "TLS-versions", "CRL", "OCSP", "TLS-SRP", "SASL"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        runner.run(context) { parsed, display in
            var own = LDAPSearchOptions()
            let shared = try MailToolOptions.parse(parsed, own: &own)
            display.showsErrors = shared.output.showsErrors
            try run(url: parsed.positionals[0], own: own, shared: shared, context: context)
        }
    }

    static func run(url text: String, own: LDAPSearchOptions, shared: MailToolOptions, context: ToolContext) throws {
        let url = try CurlURL(parsing: text, defaultScheme: "ldap", supportedSchemes: ["ldap", "ldaps"])
        let target = try LDAPURL(path: url.path, query: url.query)
        let implicitTLS = url.scheme == "ldaps"
        let setup = try shared.prepare(
            url: url, implicitTLS: implicitTLS, defaultPort: implicitTLS ? 636 : 389, context: context)
        let bind = try LDAPBindPlan(setup: setup, authorizationID: shared.auth.authorizationID)
        let stream = try setup.server.open(
            host: url.host, port: UInt16(setup.port), implicitTLS: implicitTLS, scheme: url.scheme)
        let session = LDAPSession(stream: stream, trace: setup.trace)
        try session.startTLS(setup.upgrade)
        try bind.run(on: session)
        let request = SearchRequest(
            baseObject: target.baseDN, scope: target.scope, filter: target.filter, attributes: target.attributes)
        setup.trace.info(
            "LDAP search base \"\(target.baseDN)\" scope \(target.scope.urlName) filter \(target.filterText)")
        let writer = EntryWriter(sink: OutputFile(path: own.output, standardOutput: context.standardOutput))
        let notes = context.standardError
        try session.search(request, pageSize: own.pageSize) { event in
            switch event {
            case .entry(let entry): try writer.write(entry)
            case .reference(let uris):
                if shared.output.showsErrors {
                    let text = uris.map { ControlCharacterEscaping.escape($0) }.joined(separator: " ")
                    try? notes.write("ldap-search: continuation reference (not followed): \(text)\n")
                }
            }
        }
        try writer.finish()
        session.unbind()
    }
}

/// Collects rendered entries and writes them in pieces of about 64 KiB: memory stays bounded
/// and the output takes few system calls.
final class EntryWriter {
    private let sink: OutputFile
    private var buffer: [UInt8] = []
    static let flushSize = 64 * 1024

    init(sink: OutputFile) {
        self.sink = sink
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    func write(_ entry: SearchResultEntry) throws {
        LDAPEntryText.render(entry, into: &buffer)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func finish() throws {
        try flush()
        try sink.finish()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
    }
}
