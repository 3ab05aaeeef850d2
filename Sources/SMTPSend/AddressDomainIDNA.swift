import IDN

/// An envelope address's internationalised domain in its A-label form (IDNA2008 through
/// libidn2, as URLs' hosts are converted): `user@bücher.example` goes out as
/// `user@xn--bcher-kva.example`, as curl sends it (its tests 962-967). The A-label is the same
/// domain to every server, so a server without SMTPUTF8 can take it; a non-ASCII local part
/// still needs SMTPUTF8 (RFC 6531). Address literals, quoted text and names libidn2 refuses are
/// left as given, for the address checks to judge.
enum AddressDomainIDNA {
    /// `argument` (`user@host` or `<user@host>`) with its domain converted when it needs it.
    static func converted(_ argument: String) -> String {
        guard IDNA.needsConversion(argument) else { return argument }
        let bracketed = argument.hasSuffix(">")
        let body = bracketed ? argument.dropLast() : Substring(argument)
        guard let at = body.lastIndex(of: "@") else { return argument }
        let domain = String(body[body.index(after: at)...])
        guard IDNA.needsConversion(domain), !domain.hasPrefix("["), !domain.contains("\""),
            case .converted(let aLabel) = IDNA.aLabel(domain)
        else { return argument }
        return String(body[...at]) + aLabel + (bracketed ? ">" : "")
    }
}
