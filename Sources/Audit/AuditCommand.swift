import CLI
import DNS
import ExitCode
import TLS
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mail-tls-audit [DOMAIN | URL]... [--host HOST]...`: audits the TLS setup of a domain's MX
/// hosts, of hosts on the standard mail ports, or of single services given as URLs, and exits
/// by the worst finding (`AuditExitCode`).
public enum AuditCommand {
    static let runner = ToolRunner(
        name: "mail-tls-audit",
        summary:
            "Audit the TLS setup of mail servers: a domain's MX hosts, --host HOST on the standard ports, or URLs.",
        specs: AuditOptions.specs + ConnectionOptions.specs + OutputOptions.specs,
        protocols: ["smtp", "smtps", "imap", "imaps", "pop3", "pop3s"],
        features: ["IPv6", "SSL", "TLS-versions", "OCSP", "DNSSEC"])

    public static func main(_ context: ToolContext = .process()) -> Int32 {
        var status: Int32 = 0
        let code = runner.run(context) { parsed, display in
            var audit = AuditOptions()
            var connection = ConnectionOptions()
            connection.connectTimeout = 10
            connection.responseTimeout = 20
            var output = OutputOptions()
            for option in parsed.options where option.name != "help" && option.name != "version" {
                if try audit.apply(option) || connection.apply(option) || output.apply(option) { continue }
            }
            display.showsErrors = output.showsErrors
            // A config file's account URL stands in only when the command line names no target.
            let raw = try OptionParser(specs: runner.specs).parse(context.arguments)
            let named = !raw.positionals.isEmpty || raw.options.contains { $0.name == "url" }
            let positionals = named || audit.hosts.isEmpty ? parsed.positionals : []
            guard !positionals.isEmpty || !audit.hosts.isEmpty else {
                throw ToolError.usage("nothing to audit: give a DOMAIN, a URL (smtp://host:port...) or --host HOST")
            }
            status = try run(
                positionals: positionals, audit: audit, connection: connection, output: output,
                context: context)
        }
        return code == 0 ? status : code
    }

    static func run(
        positionals: [String], audit: AuditOptions, connection: ConnectionOptions, output: OutputOptions,
        context: ToolContext
    ) throws -> Int32 {
        if let cacert = audit.cacert, access(cacert, R_OK) != 0 {
            // Checked once here, or every handshake would fail and look like the server's fault.
            throw ToolError(
                .sslCACertBadFile, "error setting certificate file: \(cacert): \(String(cString: strerror(errno)))")
        }
        var report = AuditReport(startedAt: time(nil))
        let started = Deadline.now()
        var targets = try AuditTargets.parse(positionals: positionals, hosts: audit.hosts)
        let resolver = targets.domains.isEmpty ? nil : try makeResolver(audit)
        let environment = AuditEnvironment(
            tlsClient: context.tlsClient, connector: context.connector,
            tls: audit.tlsConfiguration(environment: context.environment),
            trace: try output.trace(standardError: context.standardError), connection: connection,
            deadline: connection.operationDeadline(),
            budget: ConnectionBudget(limit: audit.maxConnections, interval: audit.connectionInterval),
            connectTo: audit.connectTo)
        let progress = AuditProgress(standardError: context.standardError, enabled: !output.silent && !output.verbose)
        var run = AuditRun(environment: environment, progress: progress)
        run.parallel = !output.verbose && output.traceASCII == nil
        if let resolver {
            let fetcher = policyFetcher(audit, environment: environment, context: context)
            for domain in targets.domains {
                progress.show("checking DNS, DANE, MTA-STS and TLS-RPT of \(domain)")
                let result = DomainAudit(resolver: resolver, fetchPolicy: fetcher.fetch(domain:)).run(domain: domain)
                let findings = DomainFindings.findings(result)
                report.domains.append(DomainSummary(result))
                report.findings += findings
                var audited = 0
                for host in result.hosts {
                    // One MX lookup: the hosts and their validated addresses come from the checks.
                    // A host without a usable address (none, or bogus) has its issue already;
                    // it is audited only where --connect-to sends it.
                    let routed = ConnectTo.destination(host: host.host, port: 25, rules: audit.connectTo)
                    guard !host.addresses.isEmpty || routed.host != host.host else { continue }
                    audited += 1
                    targets.services.append(
                        AuditTarget(
                            host: host.host, service: AuditService(.smtp, implicitTLS: false, port: 25),
                            origin: .mx(domain: domain)))
                    run.addressesInDNS[host.host] = host.addresses
                }
                if audited == 0 && findings.contains(where: { $0.severity >= .high }) {
                    report.unaudited.append(domain)
                }
            }
            progress.clear()
        }
        report.services = run.observe(targets.services)
        report.findings += run.findings(report.services, targets: targets.services, now: time(nil))
        let verifier = context.tlsClient as? any TrustAnchorVerifying
        for index in report.domains.indices {
            report.findings += DomainFindings.dane(
                &report.domains[index], observations: report.services, verifier: verifier)
        }
        report.unaudited += run.unaudited(report.services, targets: targets.services)
        report.milliseconds = Int((Deadline.now() - started) / 1_000_000)
        try write(report, audit: audit, verbose: output.verbose, context: context)
        return report.exitCode
    }

    /// The MTA-STS policy fetcher: the audit's trust (`--cacert`), always verified, through
    /// `--connect-to` (RFC 8461 3.3).
    static func policyFetcher(
        _ audit: AuditOptions, environment: AuditEnvironment, context: ToolContext
    )
        -> DomainPolicyFetcher
    {
        var tls = TLSConfiguration()
        tls.trust = TrustStore.resolve(cacert: audit.cacert, capath: audit.capath, environment: context.environment)
        let rules = audit.connectTo
        return DomainPolicyFetcher(
            tlsClient: context.tlsClient, tlsConfiguration: tls, connector: context.connector,
            route: { host, port in ConnectTo.destination(host: host, port: port, rules: rules) },
            timeout: environment.connection.responseTimeout, trace: environment.trace)
    }

    static func makeResolver(_ audit: AuditOptions) throws -> DNSResolver {
        let forwarder = try audit.resolver.map { text throws(DNSError) in try DNSForwarder.parse(text) }
        return try DNSResolver(
            configuration: DNSResolverConfiguration(forwarder: forwarder, trustAnchorFile: audit.trustAnchor))
    }

    /// The table on stdout (unless `--json -` takes it), the JSON document to its file.
    static func write(_ report: AuditReport, audit: AuditOptions, verbose: Bool, context: ToolContext) throws {
        if let path = audit.jsonPath {
            let json = try AuditJSON.encode(report)
            if path == "-" {
                try context.standardOutput.write(json)
            } else {
                let file = try AtomicOutputFile(path: path)
                try file.write(json)
                try file.commit()
            }
        }
        guard audit.jsonPath != "-" else { return }
        let terminal = (context.standardOutput as? FileDescriptorSink).map { isatty($0.descriptor) == 1 } ?? false
        try context.standardOutput.write(AuditTable.render(report, colors: terminal, showPassed: verbose))
    }
}
