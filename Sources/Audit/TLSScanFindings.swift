import TLS

/// Turns a service's TLS scan (`ServiceObservation.tlsScan`) into findings (pure): the versions
/// (TLS 1.0 and 1.1 "insufficient", RFC 8996), the accepted suites by their weaknesses, whether
/// the server enforces its order, forward secrecy, the groups, RFC 5746 renegotiation and
/// RFC 7627 extended master secret. Severities follow testssl.sh's where it has one; where a
/// mail server differs (anonymous suites, kept by Postfix for opportunistic TLS) the evidence
/// says why. A scan stopped by a 421 or a refused connection is "rate limited / unreachable",
/// never a TLS failure: what was not tested is not judged.
enum TLSScanFindings {
    static func findings(_ observation: ServiceObservation) -> [AuditFinding] {
        guard let scan = observation.tlsScan else { return [] }
        let subject = observation.subject
        var findings: [AuditFinding] = []
        if let stop = scan.stopped { findings.append(incomplete(stop, scan: scan, subject: subject)) }
        findings += versions(scan, subject: subject)
        let accepted = scan.cipherSuites.flatMap { suites in suites.accepted.map { (suites.version, $0) } }
        if !accepted.isEmpty {
            findings += suites(accepted, scan: scan, subject: subject)
            if let order = order(scan, subject: subject) { findings.append(order) }
        }
        if let groups = groups(scan.groups, subject: subject) { findings.append(groups) }
        findings += legacyExtensions(scan, subject: subject)
        return findings
    }

    static func incomplete(_ stop: TLSScanStop, scan: TLSScanResult, subject: String) -> AuditFinding {
        let evidence = [
            "reason": stop.reason, "kind": stop.kind.rawValue, "connectionsUsed": String(scan.connectionsUsed),
            "connectionBudget": String(scan.connectionBudget),
        ]
        let title: String
        switch stop.kind {
        case .budgetExhausted:
            title =
                "TLS scan incomplete: --max-connections (\(scan.connectionBudget) left) used up; the rest is untested"
        case .unreachableOrRateLimited:
            title = "TLS scan stopped: rate limited / unreachable (\(stop.reason)); the rest is untested"
        case .localFailure:
            title = "TLS scan not run: \(stop.reason)"
        }
        return AuditCheck.tlsScanIncomplete.finding(title, subject: subject, evidence: evidence)
    }

    static func versions(_ scan: TLSScanResult, subject: String) -> [AuditFinding] {
        let accepted = scan.acceptedVersions
        let names = { (list: [TLSVersion]) in list.map(\.displayName).joined(separator: ",") }
        let evidence = [
            "accepted": names(accepted),
            "refused": names(scan.versions.filter { $0.status == .refused }.map(\.version)),
            "notTested": names(scan.versions.filter { $0.status == .notTested }.map(\.version)),
        ]
        guard !accepted.isEmpty else { return [] }
        var findings: [AuditFinding] = []
        let insufficient = accepted.filter { TLSVersionGrade($0) == .insufficient }
        if !insufficient.isEmpty {
            findings.append(
                AuditCheck.tlsVersionInsufficient.finding(
                    "\(insufficient.map(\.displayName).joined(separator: " and ")) offered (insufficient: RFC 8996 "
                        + "deprecates TLS 1.0 and 1.1)", subject: subject, evidence: evidence))
        } else {
            findings.append(
                AuditCheck.tlsVersions.finding(
                    "TLS versions offered: \(accepted.map(\.displayName).joined(separator: ", "))", subject: subject,
                    evidence: evidence))
        }
        let tls13 = scan.versions.first { $0.version == .tls1_3 }
        if tls13?.status == .refused {
            findings.append(
                AuditCheck.tlsVersionNewestMissing.finding("TLS 1.3 not offered", subject: subject, evidence: evidence))
        }
        return findings
    }

    /// The weakness classes a suite can have, graded: `high` for no or broken encryption,
    /// `low` for CBC, static RSA and anonymous suites a client must ask for (see `anonymous`).
    static func suites(
        _ accepted: [(TLSVersion, TLSCipherSuite)], scan: TLSScanResult, subject: String
    )
        -> [AuditFinding]
    {
        func list(_ pairs: [(TLSVersion, TLSCipherSuite)]) -> String {
            pairs.map { "\($0.0.displayName) \($0.1.ianaName)" }.joined(separator: ", ")
        }
        func having(_ weaknesses: Set<TLSSuiteWeakness>) -> [(TLSVersion, TLSCipherSuite)] {
            accepted.filter { !weaknesses.isDisjoint(with: $0.1.weaknesses) }
        }
        var findings: [AuditFinding] = []
        let broken = having([.nullCipher, .rc4, .smallBlock, .md5])
        if !broken.isEmpty { findings.append(weak(broken, list: list, subject: subject)) }
        let anonymous = having([.anonymous])
        if !anonymous.isEmpty { findings.append(self.anonymous(anonymous, list: list, scan: scan, subject: subject)) }

        let modern = accepted.filter { $0.1.mac == "AEAD" }
        let cbc = having([.cbc])
        if !cbc.isEmpty && modern.isEmpty {
            findings.append(
                AuditCheck.cipherSuitesCBCOnly.finding(
                    "No AEAD cipher suite accepted (CBC ones only, no TLS 1.3)", subject: subject,
                    evidence: ["suites": list(cbc)]))
        } else if !cbc.isEmpty {
            findings.append(
                AuditCheck.cipherSuitesCBC.finding(
                    "Obsolete CBC cipher suites accepted beside AEAD ones (\(cbc.count))", subject: subject,
                    evidence: ["suites": list(cbc)]))
        }
        let authenticated = accepted.filter { !$0.1.weaknesses.contains(.anonymous) }
        let staticKey = authenticated.filter { $0.1.weaknesses.contains(.noForwardSecrecy) }
        if !staticKey.isEmpty && staticKey.count == authenticated.count {
            findings.append(
                AuditCheck.forwardSecrecyMissing.finding(
                    "No forward secrecy: every accepted suite uses static RSA key exchange", subject: subject,
                    evidence: ["suites": list(staticKey)]))
        } else if !staticKey.isEmpty {
            findings.append(
                AuditCheck.forwardSecrecyPartial.finding(
                    "Suites without forward secrecy (static RSA) accepted beside forward-secret ones "
                        + "(\(staticKey.count))", subject: subject, evidence: ["suites": list(staticKey)]))
        }
        if broken.isEmpty && cbc.isEmpty && staticKey.isEmpty && anonymous.isEmpty {
            findings.append(
                AuditCheck.cipherSuitesStrong.finding(
                    "Only AEAD cipher suites with forward secrecy accepted (\(accepted.count))", subject: subject,
                    evidence: ["suites": list(accepted)]))
        }
        return findings
    }

    /// No or broken encryption: `high`, as testssl.sh grades NULL, RC4, 3DES and MD5 suites.
    static func weak(
        _ broken: [(TLSVersion, TLSCipherSuite)], list: ([(TLSVersion, TLSCipherSuite)]) -> String, subject: String
    ) -> AuditFinding {
        let kinds = Set(broken.flatMap(\.1.weaknesses)).intersection([.nullCipher, .rc4, .smallBlock, .md5])
        let words: [TLSSuiteWeakness: String] = [
            .nullCipher: "no encryption", .rc4: "RC4", .smallBlock: "64-bit block cipher (3DES, DES, IDEA)",
            .md5: "MD5 MAC",
        ]
        return AuditCheck.cipherSuitesWeak.finding(
            "Weak cipher suites accepted (\(kinds.compactMap { words[$0] }.sorted().joined(separator: ", "))): "
                + list(Array(broken.prefix(5))) + (broken.count > 5 ? ", ..." : ""), subject: subject,
            evidence: [
                "suites": list(broken), "weaknesses": kinds.map(\.rawValue).sorted().joined(separator: ","),
            ])
    }

    /// Anonymous suites only serve a client that offers them, and such a client does not
    /// authenticate the server anyway; one that verifies certificates never offers them, and
    /// the signed handshake keeps a man in the middle from choosing them for it. So they are
    /// `low` (Postfix accepts them on purpose for opportunistic TLS, RFC 7435) unless the server
    /// picked one when offered everything: then ordinary clients get no authentication (`high`).
    static func anonymous(
        _ suites: [(TLSVersion, TLSCipherSuite)], list: ([(TLSVersion, TLSCipherSuite)]) -> String,
        scan: TLSScanResult, subject: String
    ) -> AuditFinding {
        let names = Set(suites.map(\.1.name))
        let picked = scan.probes.filter { $0.purpose == "version" }.compactMap(\.accepted).filter {
            names.contains($0.cipherSuite)
        }
        var evidence = ["suites": list(suites)]
        if let first = picked.first {
            evidence["pickedByServer"] = first.cipherSuite
            return AuditCheck.cipherSuitesAnonymous.finding(
                "The server picks an anonymous suite (no authentication) when offered everything: \(first.cipherSuite)",
                subject: subject, severity: .high, evidence: evidence)
        }
        evidence["note"] =
            "only a client that offers them gets them (one that verifies certificates never does); "
            + "Postfix: smtpd_tls_exclude_ciphers = aNULL removes them"
        return AuditCheck.cipherSuitesAnonymous.finding(
            "Anonymous cipher suites (no server authentication) accepted when a client asks for them only "
                + "(\(suites.count))", subject: subject, evidence: evidence)
    }

    /// TLS 1.2's order when it was compared (the one that matters for old clients), else 1.3's.
    static func order(_ scan: TLSScanResult, subject: String) -> AuditFinding? {
        let compared = scan.cipherSuites.filter { $0.serverOrder != .unknown }
        guard let suites = compared.first(where: { $0.version == .tls1_2 }) ?? compared.first else { return nil }
        let evidence = Dictionary(
            compared.map { ($0.version.displayName, $0.serverOrder.rawValue) }, uniquingKeysWith: { a, _ in a })
        if suites.serverOrder == .server {
            return AuditCheck.cipherOrderServer.finding(
                "The server enforces its cipher-suite order (\(suites.version.displayName))", subject: subject,
                evidence: evidence)
        }
        return AuditCheck.cipherOrderClient.finding(
            "The server does not enforce its cipher-suite order (\(suites.version.displayName)): the client's "
                + "first choice wins", subject: subject, evidence: evidence)
    }

    /// Key-exchange groups: finite-field groups under 2048 bits and curves under 256 bits are weak.
    static func groups(_ groups: TLSGroupScan, subject: String) -> AuditFinding? {
        guard let version = groups.version, !groups.accepted.isEmpty else { return nil }
        let evidence = [
            "version": version.displayName, "accepted": groups.accepted.joined(separator: ","),
            "refused": groups.refused.joined(separator: ","), "notTested": groups.notTested.joined(separator: ","),
        ]
        let weak = groups.accepted.filter { name in
            let upper = name.uppercased()
            let digits = Int(String(upper.filter(\.isNumber).prefix(4))) ?? 0
            if upper.hasPrefix("FFDHE") { return digits < 2048 }
            if upper.hasPrefix("SECP") { return digits < 256 }
            return false
        }
        if !weak.isEmpty {
            return AuditCheck.keyExchangeGroupsWeak.finding(
                "Weak key-exchange groups accepted: \(weak.joined(separator: ", "))", subject: subject,
                evidence: evidence)
        }
        return AuditCheck.keyExchangeGroups.finding(
            "Key-exchange groups (\(version.displayName)): \(groups.accepted.joined(separator: ", "))",
            subject: subject, evidence: evidence)
    }

    /// RFC 5746 and RFC 7627, from a TLS 1.2 (or older) handshake; TLS 1.3 has neither problem,
    /// so a missing extended master secret is `medium` only without TLS 1.3.
    static func legacyExtensions(_ scan: TLSScanResult, subject: String) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        if let secure = scan.secureRenegotiation {
            findings.append(
                secure
                    ? AuditCheck.renegotiationSecure.finding(
                        "Secure renegotiation (RFC 5746) supported", subject: subject)
                    : AuditCheck.renegotiationInsecure.finding(
                        "No secure renegotiation (RFC 5746): renegotiation can be spliced by a man in the middle",
                        subject: subject))
        }
        if let extended = scan.extendedMasterSecret {
            if extended {
                findings.append(
                    AuditCheck.extendedMasterSecret.finding(
                        "Extended master secret (RFC 7627) supported", subject: subject))
            } else {
                let tls13 = scan.acceptedVersions.contains(.tls1_3)
                findings.append(
                    AuditCheck.extendedMasterSecretMissing.finding(
                        "No extended master secret (RFC 7627) in TLS 1.2 and older: session resumption "
                            + "is open to triple-handshake attacks", subject: subject, severity: tls13 ? .low : .medium,
                        evidence: ["tls13": String(tls13)]))
            }
        }
        return findings
    }
}
