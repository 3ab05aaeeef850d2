/// What a search delivers as it arrives, one message at a time: nothing is collected.
public enum LDAPSearchEvent {
    case entry(SearchResultEntry)
    /// Continuation references (RFC 4511 section 4.5.3): reported, never followed.
    case reference([String])
}

extension LDAPSession {
    /// Responses to one search request beyond this many are a runaway server.
    public static let maxResponsesPerRequest = 1 << 31
    /// The pause before waiting for more entries: long enough that slapd queues several entries
    /// between two wake-ups of this reader, short enough to add at most half a millisecond to
    /// the wait for the last one.
    public static let batchingPause = 0.0005
    /// Pages of one paged search beyond this many are a server that never ends the cookie chain.
    public static let maxPages = 1 << 24

    /// Runs `request`, handing each entry and reference to `handler` as it arrives. With
    /// `pageSize` the search goes page by page (RFC 2696) until the server's cookie is empty.
    /// Returns the final SearchResultDone (success or sizeLimitExceeded, which curl accepts).
    /// - Throws: `LDAPError.searchFailed` for any other result, a referral included.
    @discardableResult
    public func search(
        _ request: SearchRequest, pageSize: Int64? = nil, handler: (LDAPSearchEvent) throws -> Void
    ) throws -> LDAPResult {
        var paging = pageSize.map { PagedResultsControl(size: $0) }
        for _ in 0..<Self.maxPages {
            let id = try send(
                .search(request), controls: paging.map { [$0.control] } ?? [],
                display: "SearchRequest base=\"\(request.baseObject)\" scope=\(request.scope.urlName)"
                    + (paging.map { " page=\($0.size)" } ?? ""))
            var delivered = 0
            let (result, controls) = try readResults(for: id) { event in
                delivered += 1
                try handler(event)
            }
            guard result.resultCode == .success || result.resultCode == .sizeLimitExceeded else {
                throw Self.searchError(result)
            }
            if result.resultCode == .sizeLimitExceeded { trace.info("The server's size limit ended the search") }
            guard paging != nil, let next = try PagedResultsControl.find(in: controls), !next.cookie.isEmpty else {
                return result
            }
            // An empty page that hands back the cookie it was asked with would repeat for ever.
            guard delivered > 0 || next.cookie != paging?.cookie else {
                throw LDAPError(
                    .unexpectedResponse,
                    "LDAP server returned an empty page with the same paging cookie: it would never end")
            }
            paging?.cookie = next.cookie
        }
        throw LDAPError(.unexpectedResponse, "LDAP server sent more than \(Self.maxPages) pages")
    }

    private func readResults(
        for id: Int64, handler: (LDAPSearchEvent) throws -> Void
    ) throws -> (LDAPResult, [LDAPControl]) {
        // Entries come one small message after another: read them in batches (ByteStream).
        stream.batchingPause = Self.batchingPause
        defer { stream.batchingPause = nil }
        for _ in 0..<Self.maxResponsesPerRequest {
            let message = try receive(for: id)
            switch message.response {
            case .searchResultEntry(let entry): try handler(.entry(entry))
            case .searchResultReference(let uris): try handler(.reference(uris))
            case .searchResultDone(let result): return (result, message.controls)
            case .bind, .extended:
                throw LDAPError(.unexpectedResponse, "LDAP server answered a search with another response type")
            }
        }
        throw LDAPError(.unexpectedResponse, "LDAP server sent more than \(Self.maxResponsesPerRequest) responses")
    }

    static func searchError(_ result: LDAPResult) -> LDAPError {
        var text = "LDAP search failed: \(result.resultCode)"
        if !result.diagnosticMessage.isEmpty { text += ": \(result.diagnosticMessage)" }
        if !result.matchedDN.isEmpty { text += " (matched DN: \(result.matchedDN))" }
        if !result.referral.isEmpty { text += "; referred to \(result.referral.joined(separator: " ")) (not followed)" }
        return LDAPError(.searchFailed(result), text)
    }
}
