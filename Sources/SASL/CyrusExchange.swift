internal import CSASL
internal import CSASLShim

#if canImport(Glibc)
    import Glibc
#endif

/// One exchange run by Cyrus: owns a `sasl_conn_t`, disposed in `deinit`. Cyrus asks for the
/// user, authorization name and password through the interact loop, answered from the
/// credentials; its failures become `SASLError`s in `failure(_:)`, keeping Cyrus's own words.
final class CyrusExchange: SASLEngine {
    private let mechanism: SASLMechanism
    /// Interact answers. No authorization identity is `""`, never NULL: Cyrus takes `strlen` of
    /// the answer, and an absent one would make PLAIN send `user\0user\0password`.
    private let authorizationName: CyrusAnswer
    private let authenticationName: CyrusAnswer
    private let password: CyrusAnswer
    private let empty = CyrusAnswer("")
    private let channelBinding: CyrusChannelBinding?
    private let wantsAuthorizationID: Bool
    private let handle: OpaquePointer
    private(set) var isComplete = false
    /// Challenges received: a server can prove itself only after it has seen a response.
    private var challenges = 0

    init(
        mechanism: SASLMechanism, service: SASLService, serverHost: String, credentials: SASLCredentials,
        channelBinding: SASLChannelBinding?, tlsProtected: Bool
    ) throws(SASLError) {
        try CyrusLibrary.initialize()
        self.mechanism = mechanism
        authorizationName = CyrusAnswer(credentials.effectiveAuthorizationID ?? "")
        authenticationName = CyrusAnswer(credentials.user)
        password = CyrusAnswer(credentials.password ?? "")
        self.channelBinding = channelBinding.map(CyrusChannelBinding.init)
        wantsAuthorizationID = credentials.effectiveAuthorizationID != nil
        // SASL_NEED_PROXY: with an authorization identity, Cyrus refuses mechanisms that cannot
        // carry one instead of silently authenticating as the user.
        let flags = wantsAuthorizationID ? UInt32(SASL_NEED_PROXY) : 0
        var connection: OpaquePointer?
        let status = sasl_client_new(
            service.rawValue, serverHost, nil, nil,
            mailtls_sasl_client_callbacks().assumingMemoryBound(to: sasl_callback_t.self),
            flags, &connection)
        guard status == SASL_OK, let connection else {
            throw SASLError(.engine, "Cyrus SASL could not create a connection: \(CyrusLibrary.message(status))")
        }
        handle = connection
        try configure(tlsProtected: tlsProtected, external: mechanism == .external ? credentials.user : nil)
    }

    deinit {
        var connection: OpaquePointer? = handle
        sasl_dispose(&connection)
    }

    /// No security layer (TLS is the protection), plaintext mechanisms allowed: whether PLAIN
    /// may run is the protocol layer's decision (TLS, or the user explicitly allowed plaintext).
    private func configure(tlsProtected: Bool, external authenticationID: String?) throws(SASLError) {
        var properties = sasl_security_properties_t(
            min_ssf: 0, max_ssf: 0, maxbufsize: 0, security_flags: 0,
            property_names: nil, property_values: nil)
        try check(sasl_setprop(handle, SASL_SEC_PROPS, &properties))
        if tlsProtected {
            // The strength of the weakest suite a modern TLS negotiates (AES-128); Cyrus only
            // compares it with the zero minimum above.
            var strength: sasl_ssf_t = 128
            try check(sasl_setprop(handle, SASL_SSF_EXTERNAL, &strength))
        }
        if let authenticationID {
            // Cyrus offers EXTERNAL only with an external identity set (a TLS client
            // certificate, the network, a tunnel: the server knows which); it uses it locally
            // only, never sends it.
            let identity = authenticationID.isEmpty ? "external" : authenticationID
            try check(sasl_setprop(handle, SASL_AUTH_EXTERNAL, identity))
        }
        if let channelBinding {
            try check(sasl_setprop(handle, SASL_CHANNEL_BINDING, channelBinding.pointer))
        }
    }

    func start() throws(SASLError) -> [UInt8]? {
        let name = mechanism.name
        let (status, output) = try interacting { prompts, output, count in
            sasl_client_start(handle, name, &prompts, &output, &count, nil)
        }
        isComplete = status == SASL_OK
        return output
    }

    func step(_ challenge: [UInt8]) throws(SASLError) -> [UInt8] {
        guard !isComplete else {
            throw SASLError(.badChallenge, "\(mechanism): the server sent a challenge after the exchange was complete")
        }
        guard let count = UInt32(exactly: challenge.count) else {
            throw SASLError(.badChallenge, "\(mechanism): the server's challenge is too long")
        }
        challenges += 1
        // Cyrus wants a NUL after the challenge, not counted in its length.
        let input = challenge + [0]
        let (status, output) = try input.withUnsafeBufferPointer { buffer throws(SASLError) in
            let bytes = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            return try interacting { prompts, output, outputCount in
                sasl_client_step(handle, bytes, count, &prompts, &output, &outputCount)
            }
        }
        isComplete = status == SASL_OK
        return output ?? []
    }

    /// Runs a Cyrus call until it stops asking for interaction; returns its final status
    /// (SASL_OK or SASL_CONTINUE) and its output, nil when Cyrus produced none.
    private func interacting(
        _ call: (inout UnsafeMutablePointer<sasl_interact_t>?, inout UnsafePointer<CChar>?, inout UInt32) -> Int32
    ) throws(SASLError) -> (Int32, [UInt8]?) {
        var prompts: UnsafeMutablePointer<sasl_interact_t>?
        var output: UnsafePointer<CChar>?
        var count: UInt32 = 0
        var status = call(&prompts, &output, &count)
        // Each round answers every prompt, so a plugin asks at most once; the bound guards the loop.
        var rounds = 0
        while status == SASL_INTERACT && rounds < 4 {
            answer(prompts)
            status = call(&prompts, &output, &count)
            rounds += 1
        }
        guard status == SASL_OK || status == SASL_CONTINUE else { throw failure(status) }
        guard let output else { return (status, nil) }
        return (status, UnsafeRawBufferPointer(start: output, count: Int(count)).map { $0 })
    }

    /// Fills in what the plugin asked for. Anything unexpected gets the plugin's own default.
    private func answer(_ prompts: UnsafeMutablePointer<sasl_interact_t>?) {
        guard var prompt = prompts else { return }
        while prompt.pointee.id != UInt(SASL_CB_LIST_END) {
            let answer: CyrusAnswer? =
                switch Int32(truncatingIfNeeded: prompt.pointee.id) {
                case SASL_CB_USER: authorizationName
                case SASL_CB_AUTHNAME: authenticationName
                case SASL_CB_PASS: password
                default: nil
                }
            if let answer {
                prompt.pointee.result = UnsafeRawPointer(answer.pointer)
                prompt.pointee.len = UInt32(answer.count)
            } else if let fallback = prompt.pointee.defresult {
                prompt.pointee.result = UnsafeRawPointer(fallback)
                prompt.pointee.len = UInt32(strlen(fallback))
            } else {
                prompt.pointee.result = UnsafeRawPointer(empty.pointer)
                prompt.pointee.len = 0
            }
            prompt += 1
        }
    }

    private func check(_ status: Int32) throws(SASLError) {
        guard status == SASL_OK else { throw failure(status) }
    }

    /// The one place Cyrus statuses become `SASLError` kinds.
    private func failure(_ status: Int32) -> SASLError {
        let detail = sasl_errdetail(handle).map { String(cString: $0) } ?? CyrusLibrary.message(status)
        switch status {
        case SASL_NOMECH where wantsAuthorizationID && CyrusLibrary.mechanisms.contains(mechanism):
            return SASLError(
                .mechanismNotUsable,
                "SASL mechanism \(mechanism) cannot carry an authorization identity (--sasl-authzid)")
        case SASL_NOMECH:
            return SASLError(
                .mechanismUnavailable, "SASL mechanism \(mechanism) is not available in this build: \(detail)")
        case SASL_BADAUTH where challenges <= 1:
            // DIGEST-MD5 says "authentication failure" for an unparsable first challenge.
            return SASLError(.badChallenge, "\(mechanism): unexpected challenge from the server: \(detail)")
        case SASL_BADSERV, SASL_BADAUTH:
            return SASLError(
                .serverAuthenticationFailed, "\(mechanism): the server failed to prove its identity: \(detail)")
        case SASL_BADPROT:
            return SASLError(.badChallenge, "\(mechanism): unexpected challenge from the server: \(detail)")
        default:
            return SASLError(.engine, "\(mechanism) authentication failed: \(detail)")
        }
    }
}
