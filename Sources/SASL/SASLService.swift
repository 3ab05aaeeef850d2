/// The service name that mechanisms put into their messages (DIGEST-MD5's `digest-uri`,
/// GSSAPI's principal): the GSSAPI service names registered for each protocol.
public enum SASLService: String, Sendable {
    case smtp
    case imap
    case pop
    case ldap
}
