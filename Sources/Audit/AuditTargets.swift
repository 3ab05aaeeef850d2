import CLI
import Codec
import CurlURL

/// The command line's targets: URLs (one service each), `--host` hosts (the seven standard
/// ports), and domains (their MX hosts, found in DNS).
struct AuditTargets: Equatable {
    var services: [AuditTarget] = []
    var domains: [String] = []

    static func parse(positionals: [String], hosts: [String]) throws(ToolError) -> AuditTargets {
        var targets = AuditTargets()
        for argument in positionals {
            if argument.contains(text: "://") {
                targets.services.append(try url(argument))
            } else {
                guard isDomainName(argument) else {
                    throw ToolError.usage("'\(argument)' is neither a domain name nor a URL")
                }
                targets.domains.append(argument.hasSuffix(".") ? String(argument.dropLast()) : argument)
            }
        }
        for host in hosts {
            let bare = ConnectTo.unbracket(host)
            guard !bare.isEmpty, !bare.contains("/") else { throw ToolError.usage("option --host: bad host '\(host)'") }
            targets.services += AuditService.standard.map {
                AuditTarget(host: bare, service: $0, origin: .standardPort)
            }
        }
        return targets
    }

    /// `smtp://host[:port]` (STARTTLS), `smtps://`, `imap://`, `imaps://`, `pop3://`, `pop3s://`.
    static func url(_ text: String) throws(ToolError) -> AuditTarget {
        let url: CurlURL
        do {
            url = try CurlURL(
                parsing: text, supportedSchemes: ["smtp", "smtps", "imap", "imaps", "pop3", "pop3s"])
        } catch {
            throw ToolError.usage("bad URL '\(text)': \(error)")
        }
        guard let port = url.effectivePort, let port16 = UInt16(exactly: port),
            let service = AuditService(scheme: url.scheme, port: port16)
        else {
            throw ToolError.usage("bad URL '\(text)': the audit speaks smtp, smtps, imap, imaps, pop3 and pop3s")
        }
        guard !url.host.isEmpty else { throw ToolError.usage("bad URL '\(text)': no host") }
        return AuditTarget(host: url.host, service: service, origin: .url)
    }

    /// Letters, digits, hyphens and dots, with at least one dot or a single label.
    static func isDomainName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 254
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
    }
}
