/// Every key a config file may hold: the long options of all the tools (a file is shared by
/// them, and each takes what it knows), plus `tls-min`. A key no tool knows is a typo and an
/// error; `ConfigKeysTests` checks that every tool's option table is listed here.
public enum ConfigKeys {
    public static let all: Set<String> = [
        // Every tool: the URL, the account's password command, TLS, connection, output.
        "url", "passwordeval", "user", "insecure", "cacert", "capath", "crlfile", "tlsv1", "tlsv1.0", "tlsv1.1",
        "tlsv1.2", "tlsv1.3", "tls-max", "tls-min", "sslv2", "sslv3", "ciphers", "pinnedpubkey", "cert-status",
        "cert", "key", "cert-type", "key-type", "pass", "tlsuser", "tlspassword", "tlsauthtype",
        "connect-timeout", "max-time", "response-timeout", "ipv4", "ipv6", "verbose", "silent", "show-error",
        "trace-ascii", "output", "json", "resolve",
        // Mail tools: login, STARTTLS.
        "netrc", "netrc-file", "login-options", "sasl-authzid", "sasl-ir", "oauth2-bearer", "ssl", "ssl-reqd", "probe",
        "dump-header",
        // smtp-send (`queue`: its sendmail mode's queue directory).
        "mail-from", "mail-rcpt", "mail-auth", "mail-rcpt-allowfails", "read-recipients", "upload-file", "queue",
        "add-from", "from-name",
        "crlf", "form",
        // imap-fetch, pop3-retrieve.
        "request", "maildir", "mbox", "delete", "all-mailboxes",
        // http-get.
        "head", "include", "header", "data", "data-binary", "location", "max-redirs", "fail", "user-agent",
        // ftp-transfer.
        "list-only", "ftp-create-dirs", "quote", "disable-epsv", "ftp-pasv", "ftp-skip-pasv-ip", "ftp-ssl-ccc",
        "continue-at", "ftp-method", "range",
        // ldap-search.
        "page-size",
    ]
}
