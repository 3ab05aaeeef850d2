/// Chooses the mechanism of an exchange. Pure: the server's list, the user's preference, the
/// credentials and the build's mechanisms in; one mechanism or the reason for none out.
public enum SASLMechanismChoice {
    /// The automatic order, strongest first. Like curl (`lib/curl_sasl.c`, `Curl_sasl_start`),
    /// challenge–response mechanisms come before those that send the password itself:
    /// - SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, only when the TLS layer supplies channel-binding
    ///   data: SCRAM, and bound to this TLS channel, so a relay in the middle fails even under `-k`.
    ///   First only when the binding type is one every server must accept (`tls-unique`, TLS 1.2);
    ///   otherwise (`tls-exporter`, TLS 1.3) after the unbound SCRAMs: see `order(_:binding:)`.
    /// - SCRAM-SHA-256 (RFC 7677), SCRAM-SHA-1 (RFC 5802): the password never crosses, the server
    ///   keeps only a salted verifier and proves that it knows it (mutual authentication).
    ///   curl (with libgsasl) puts these first too.
    /// - DIGEST-MD5 (RFC 2831, historic since RFC 6331), then CRAM-MD5 (RFC 2195): the password
    ///   never crosses, but servers keep a password equivalent; curl's order between the two.
    /// - PLAIN (RFC 4616), then LOGIN (obsolete draft, no authorization identity): the password
    ///   crosses, protected only by TLS; curl's order between the two.
    /// curl has GSSAPI and NTLM in between; they are never chosen automatically here (a user may
    /// still ask for any mechanism Cyrus has). EXTERNAL is used only when asked for, as in curl,
    /// because it needs a client certificate the server must already know.
    public static let automaticOrder: [SASLMechanism] = [
        .scramSHA256Plus, .scramSHA1Plus, .scramSHA256, .scramSHA1, .digestMD5, .cramMD5, .plain, .login,
    ]

    /// With a bearer token only these are chosen automatically: OAUTHBEARER (RFC 7628) before
    /// XOAUTH2 (Google's earlier form), as curl. (curl would still prefer CRAM-MD5 with an empty
    /// password when the server offers it; a token says how the user means to authenticate.)
    public static let bearerOrder: [SASLMechanism] = [.oauthBearer, .xoauth2]

    /// The order among mechanisms the user listed: curl's chain (EXTERNAL first, bearer
    /// mechanisms before PLAIN), then any others in the user's order.
    static let requestedOrder: [SASLMechanism] = [
        .external, .scramSHA256Plus, .scramSHA1Plus, .scramSHA256, .scramSHA1, .digestMD5, .cramMD5,
        .oauthBearer, .xoauth2, .plain, .login,
    ]

    /// Mechanisms that need no password: the client certificate, nothing, a Kerberos ticket.
    public static let passwordless: Set<SASLMechanism> = [
        .external, SASLMechanism("ANONYMOUS")!, SASLMechanism("GSSAPI")!,
    ]

    /// Whether `--login-options AUTH=<name>` names a mechanism: one curl knows (its list in
    /// `lib/curl_sasl.c`, the `-PLUS` variants, ANONYMOUS) or one this build's Cyrus has. curl
    /// answers any other name with 3 before connecting (curl test 896); Cyrus is consulted only
    /// for names outside the list, so the usual ones cost no plugin loading.
    public static func isKnown(_ mechanism: SASLMechanism) -> Bool {
        let curls: Set<String> = [
            "LOGIN", "PLAIN", "CRAM-MD5", "DIGEST-MD5", "GSSAPI", "EXTERNAL", "NTLM", "XOAUTH2", "OAUTHBEARER",
            "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS", "ANONYMOUS",
        ]
        return curls.contains(mechanism.name) || SASLClient.availableMechanisms.contains(mechanism)
    }

    /// Where the `-PLUS` mechanisms stand in `order` for this connection's binding (issue 10).
    /// Under TLS 1.3 the only binding is `tls-exporter` (RFC 9266), which servers in the field
    /// may not implement: Cyrus IMAP 3.6 offers SCRAM-SHA-256-PLUS but binds `tls-unique` only,
    /// and refuses the login. Retrying unbound after a refusal is no way out, because a refusal
    /// cannot be told from a wrong password (one attempt per run, never a second guess). So the
    /// `-PLUS` mechanisms come right after the unbound SCRAMs: a server offering both gets an
    /// unbound SCRAM, which sends the GS2 flag `n` (RFC 5802 section 6: "client does not support
    /// channel binding" — true for every type the server might want), and a server offering
    /// SCRAM only with `-PLUS` still gets it before anything weaker. With `tls-unique` (TLS 1.2),
    /// which RFC 5802 requires of every server, `-PLUS` stays first. Asking for a `-PLUS`
    /// mechanism alone (`AUTH=SCRAM-SHA-256-PLUS`) still uses it, whatever the type.
    static func order(_ order: [SASLMechanism], binding: SASLChannelBinding?) -> [SASLMechanism] {
        guard let binding, !binding.isMandatoryForServers else { return order }
        var unbound = order.filter { !$0.usesChannelBinding }
        let afterSCRAM = (unbound.lastIndex { $0.name.hasPrefix("SCRAM-") } ?? unbound.count - 1) + 1
        unbound.insert(contentsOf: order.filter(\.usesChannelBinding), at: afterSCRAM)
        return unbound
    }

    /// - Parameters:
    ///   - offered: the server's mechanisms (see `SASLMechanism.list`).
    ///   - channelBinding: what the TLS layer supplies for channel binding; nil without TLS or
    ///     when the TLS library has none. Its type decides where `-PLUS` stands (`order`).
    ///   - available: the mechanisms Cyrus can run; the default asks Cyrus. OAUTHBEARER and
    ///     XOAUTH2 are built in and always available.
    public static func choose(
        offered: [SASLMechanism], preference: SASLMechanismPreference,
        credentials: SASLCredentials, channelBinding: SASLChannelBinding?,
        available: Set<SASLMechanism> = SASLClient.availableMechanisms
    ) throws(SASLError) -> SASLMechanism {
        let offeredSet = Set(offered)
        let channelBindingAvailable = channelBinding != nil
        switch preference {
        case .any:
            let candidates =
                credentials.bearerToken == nil ? order(automaticOrder, binding: channelBinding) : bearerOrder
            if let mechanism = candidates.first(where: {
                offeredSet.contains($0) && ($0.isBuiltIn || available.contains($0))
                    && obstacle($0, credentials: credentials, channelBindingAvailable: channelBindingAvailable) == nil
            }) {
                return mechanism
            }
            throw SASLError(.noCommonMechanism, noCommonMessage(offered: offered, credentials: credentials))
        case .only(let requested):
            let ordered =
                order(requestedOrder, binding: channelBinding).filter(requested.contains)
                + requested.filter { !requestedOrder.contains($0) }
            // Each mechanism fails at its first missing condition; the one that got furthest explains.
            var failures: [SASLError] = []
            for mechanism in ordered {
                if !mechanism.isBuiltIn && !available.contains(mechanism) {
                    failures.append(
                        SASLError(
                            .mechanismUnavailable,
                            "SASL mechanism \(mechanism) is not available in this build (no Cyrus SASL plugin)"))
                } else if !offeredSet.contains(mechanism) {
                    failures.append(
                        SASLError(
                            .mechanismNotOffered,
                            "the server does not offer SASL mechanism \(mechanism)"
                                + " (it offers: \(offeredText(offered)))"))
                } else if let obstacle = obstacle(
                    mechanism, credentials: credentials,
                    channelBindingAvailable: channelBindingAvailable)
                {
                    failures.append(SASLError(.mechanismNotUsable, "SASL mechanism \(mechanism) \(obstacle)"))
                } else {
                    return mechanism
                }
            }
            throw failures.max { progress($0.kind) < progress($1.kind) }
                ?? SASLError(.noCommonMechanism, "no SASL mechanism requested")
        }
    }

    /// How far a requested mechanism got before it failed: built in, then offered, then usable.
    private static func progress(_ kind: SASLError.Kind) -> Int {
        switch kind {
        case .mechanismNotUsable: 2
        case .mechanismNotOffered: 1
        default: 0
        }
    }

    /// Mechanisms with no field for an authorization identity. With `--sasl-authzid` they would
    /// authenticate as the user instead of acting as the one named (curl ignores it there).
    private static let withoutAuthorizationID: Set<SASLMechanism> = [.login, .cramMD5, .xoauth2]

    /// What keeps `mechanism` from running with these credentials, as a predicate for a message.
    static func obstacle(
        _ mechanism: SASLMechanism, credentials: SASLCredentials, channelBindingAvailable: Bool
    ) -> String? {
        if mechanism.usesChannelBinding && !channelBindingAvailable {
            return "needs TLS channel-binding data, which this connection does not have"
        }
        if credentials.effectiveAuthorizationID != nil && withoutAuthorizationID.contains(mechanism) {
            return "cannot carry an authorization identity (--sasl-authzid)"
        }
        if mechanism.isBuiltIn {
            guard let token = credentials.bearerToken else { return "needs a bearer token (--oauth2-bearer)" }
            // Their fields are separated by ^A: a control character would forge another field.
            let fields = [token, credentials.user, credentials.authorizationID ?? ""]
            if fields.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
                return "cannot send a token, user or authorization identity with control characters"
            }
            if mechanism == .xoauth2 && credentials.user.isEmpty { return "needs a user name" }
            return nil
        }
        if passwordless.contains(mechanism) { return nil }
        if credentials.user.isEmpty { return "needs a user name" }
        if credentials.password == nil { return "needs a password" }
        return nil
    }

    private static func noCommonMessage(offered: [SASLMechanism], credentials: SASLCredentials) -> String {
        let why =
            credentials.bearerToken != nil
            ? "with a bearer token only OAUTHBEARER and XOAUTH2 are used"
            : credentials.user.isEmpty
                ? "no user name given"
                : credentials.password == nil
                    ? "no password given"
                    : "none of them is supported here"
        return "no usable SASL mechanism: the server offers \(offeredText(offered)); \(why)"
    }

    private static func offeredText(_ offered: [SASLMechanism]) -> String {
        offered.isEmpty ? "none" : offered.map(\.name).joined(separator: " ")
    }
}
