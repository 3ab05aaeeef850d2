import CurlURL

/// What an `ldap://` or `ldaps://` URL asks for (RFC 4516), read from the path and query of a
/// `CurlURL` as curl's LDAP backends take them: each part percent-decoded after the split.
public struct LDAPURL: Equatable, Sendable {
    public var baseDN: String
    /// Empty: all user attributes.
    public var attributes: [String]
    /// RFC 4516: base when the URL names none, as libldap (and so curl) takes it.
    public var scope: SearchRequest.Scope
    public var filter: LDAPFilter
    /// The filter as the URL gave it (decoded), for messages and `-v`.
    public var filterText: String

    //  ldapurl    = scheme COLON SLASH SLASH [host [COLON port]]
    //               [SLASH dn [QUESTION [attributes] [QUESTION [scope] [QUESTION [filter]
    //               [QUESTION extensions]]]]]
    //  attributes = attrdesc *(COMMA attrdesc)
    //  scope      = "base" / "one" / "sub"
    //  extensions = extension *(COMMA extension)
    //  extension  = [EXCLAMATION] extype [EQUALS exvalue]
    public init(path: String, query: String?) throws(LDAPSyntaxError) {
        let dnText = path.hasPrefix("/") ? String(path.dropFirst()) : path
        baseDN = try Self.decode(dnText, "the base DN")
        let parts = (query ?? "").split(separator: "?", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 4 else { throw LDAPSyntaxError(.url, "more than four '?'-separated parts") }
        let part = { (index: Int) in index < parts.count ? parts[index] : "" }
        attributes = []
        for attribute in part(0).split(separator: ",", omittingEmptySubsequences: false) where !part(0).isEmpty {
            let name = try Self.decode(String(attribute), "an attribute")
            guard !name.isEmpty, !name.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
                throw LDAPSyntaxError(.url, "empty or bad attribute name '\(name)'")
            }
            attributes.append(name)
        }
        switch try Self.decode(part(1), "the scope").lowercased() {
        case "", "base": scope = .baseObject
        case "one": scope = .singleLevel
        case "sub": scope = .wholeSubtree
        case let other: throw LDAPSyntaxError(.url, "unknown scope '\(other)' (base, one or sub)")
        }
        filterText = try Self.decode(part(2), "the filter")
        filter = filterText.isEmpty ? .everything : try LDAPFilterParser.parse(filterText)
        if filterText.isEmpty { filterText = "(objectClass=*)" }
        for extensionText in part(3).split(separator: ",") where extensionText.hasPrefix("!") {
            throw LDAPSyntaxError(.url, "critical extension '\(extensionText.dropFirst())' is not supported")
        }
    }

    private static func decode(_ text: String, _ what: String) throws(LDAPSyntaxError) -> String {
        let bytes: [UInt8]
        do { bytes = try PercentEncoding.decode(text) } catch {
            throw LDAPSyntaxError(.url, "bad percent-encoding in \(what)")
        }
        guard let decoded = String(validating: bytes, as: UTF8.self),
            !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F })
        else { throw LDAPSyntaxError(.url, "\(what) is not UTF-8 text without control characters") }
        return decoded
    }
}
