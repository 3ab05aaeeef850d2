internal import CUnbound

#if canImport(Glibc)
    import Glibc
#endif

/// A synchronous, DNSSEC-validating stub resolver over libunbound. Each lookup is bounded by the
/// configuration's timeout: the query runs asynchronously and is cancelled when time is up. Not
/// for sharing between threads; one per audit run is enough (libunbound caches answers).
public final class DNSResolver {
    private let context: OpaquePointer
    /// Where libunbound writes its own log lines (/dev/null: its errors reach the caller as
    /// DNSError, and a tool's stderr is for the tool's words).
    private let log: UnsafeMutablePointer<FILE>?
    public let configuration: DNSResolverConfiguration

    public init(configuration: DNSResolverConfiguration = DNSResolverConfiguration()) throws(DNSError) {
        guard let context = ub_ctx_create() else { throw DNSError(.setup, "libunbound: cannot create a context") }
        let log = fopen("/dev/null", "w")
        if let log { ub_ctx_debugout(context, log) }
        do {
            try Self.configure(context, configuration)
        } catch {
            ub_ctx_delete(context)
            if let log { fclose(log) }
            throw error
        }
        self.context = context
        self.log = log
        self.configuration = configuration
    }

    deinit {
        ub_ctx_delete(context)
        if let log { fclose(log) }
    }

    /// Asks for `name` (with or without the final dot) and `type`, class IN. Throws only when
    /// there is no answer to judge; NXDOMAIN, SERVFAIL and bogus answers are returned.
    public func resolve(_ name: String, type: DNSRecordType) throws(DNSError) -> DNSAnswer {
        let question = try DNSName.question(name)
        let pending = PendingLookup()
        let token = Unmanaged.passRetained(pending).toOpaque()
        var id: Int32 = 0
        let status = ub_resolve_async(
            context, question, Int32(type.rawValue), 1, token,
            { token, error, result in
                guard let token else { return }
                let pending = Unmanaged<PendingLookup>.fromOpaque(token).takeRetainedValue()
                pending.finish(error: error, result: result)
            }, &id)
        guard status == 0 else {
            Unmanaged<PendingLookup>.fromOpaque(token).release()
            throw Self.failure(status, question)
        }
        try wait(for: pending, id: id, token: token, question: question)
        guard pending.error == 0, let result = pending.takeResult() else {
            throw Self.failure(pending.error, question)
        }
        defer { ub_resolve_free(result) }
        return Self.answer(result.pointee, question: question, type: type)
    }

    /// Runs libunbound's callbacks until `pending` is done or the time is up (then cancels).
    private func wait(
        for pending: PendingLookup, id: Int32, token: UnsafeMutableRawPointer, question: String
    )
        throws(DNSError)
    {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(configuration.timeout * 1000))
        while !pending.done {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                // Cancelled: libunbound will not call back, the token's reference is ours to drop.
                // Not cancellable (the answer is already queued): the callback drops it later.
                if ub_cancel(context, id) == 0 { Unmanaged<PendingLookup>.fromOpaque(token).release() }
                throw DNSError(.timeout, "DNS lookup of \(question) timed out after \(configuration.timeout) s")
            }
            let milliseconds =
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            var descriptor = pollfd(fd: ub_fd(context), events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(max(milliseconds, 1), 1000)))
            if ready > 0 {
                let status = ub_process(context)
                if status != 0 { throw Self.failure(status, question) }
            } else if ready < 0 && errno != EINTR {
                throw DNSError(.lookup, "DNS lookup of \(question): poll failed (errno \(errno))")
            }
        }
    }

    private static func configure(
        _ context: OpaquePointer, _ configuration: DNSResolverConfiguration
    )
        throws(DNSError)
    {
        func check(_ status: Int32, _ what: String) throws(DNSError) {
            guard status == 0 else { throw DNSError(.setup, "\(what): \(String(cString: ub_strerror(status)))") }
        }
        // Threads, not a forked helper process, for the asynchronous queries.
        try check(ub_ctx_async(context, 1), "libunbound: no asynchronous mode")
        // Forwarders on loopback (a test resolver, a local caching daemon) are the usual case.
        try check(ub_ctx_set_option(context, "do-not-query-localhost:", "no"), "libunbound option")
        for zone in configuration.specialUseZonesToForward {
            let zoneName = try DNSName.question(zone)
            // ("nodefault" is not honoured through ub_ctx_set_option; "transparent" is.)
            try check(ub_ctx_set_option(context, "local-zone:", "\(zoneName) transparent"), "local zone \(zoneName)")
        }
        if let forwarder = configuration.forwarder {
            try check(ub_ctx_set_fwd(context, forwarder.unboundForm), "--resolver \(forwarder)")
        } else {
            try check(
                ub_ctx_resolvconf(context, DNSResolverConfiguration.resolvConf), DNSResolverConfiguration.resolvConf)
        }
        let anchor = configuration.trustAnchorFile ?? DNSResolverConfiguration.rootTrustAnchorFile
        // libunbound reads the file only at the first lookup: say now that it cannot be read.
        guard access(anchor, R_OK) == 0 else {
            let hint = configuration.trustAnchorFile == nil ? " (the root key of Debian's dns-root-data)" : ""
            throw DNSError(.setup, "trust anchor \(anchor)\(hint): cannot be read")
        }
        try check(ub_ctx_add_ta_file(context, anchor), "trust anchor \(anchor)")
    }

    private static func failure(_ status: Int32, _ question: String) -> DNSError {
        let reason = String(cString: ub_strerror(status))
        // UB_INITFAIL: the configuration (trust anchor contents, forwarder) did not load.
        let kind: DNSError.Kind = status == -7 ? .setup : .lookup
        return DNSError(kind, "DNS lookup of \(question): \(reason)")
    }

    /// The most records one answer is read for (an RRset that fits in 64 KiB has fewer).
    static let maximumRecords = 4096

    private static func answer(_ result: ub_result, question: String, type: DNSRecordType) -> DNSAnswer {
        var rdata: [[UInt8]] = []
        if let data = result.data, let lengths = result.len {
            var index = 0
            while index < maximumRecords, let item = data[index] {
                let count = Int(lengths[index])
                rdata.append(Array(UnsafeRawBufferPointer(start: item, count: max(count, 0))))
                index += 1
            }
        }
        let security: DNSSecurity =
            result.secure != 0
            ? .secure
            : result.bogus != 0 ? .bogus(reason: result.why_bogus.map { String(cString: $0) } ?? "") : .insecure
        var canonical = result.canonname.map { String(cString: $0) }
        if let name = canonical, DNSName.equal(name, question) { canonical = nil }
        return DNSAnswer(
            name: question, type: type, rcode: Int(result.rcode), security: security,
            rdata: result.havedata != 0 ? rdata : [], canonicalName: canonical, ttl: Int(result.ttl))
    }
}

/// One query in flight: libunbound's callback fills it in.
private final class PendingLookup {
    private(set) var done = false
    private(set) var error: Int32 = 0
    private var result: UnsafeMutablePointer<ub_result>?

    func finish(error: Int32, result: UnsafeMutablePointer<ub_result>?) {
        self.error = error
        self.result = result
        done = true
    }

    /// The result, now owned by the caller (who frees it).
    func takeResult() -> UnsafeMutablePointer<ub_result>? {
        defer { result = nil }
        return result
    }

    deinit { if let result { ub_resolve_free(result) } }
}
