// swift-tools-version:6.0
// mailtls: command-line mail clients that speak TLS the way curl does (GnuTLS, Cyrus SASL).
// Layers (arrows point down only) are described in ../shared/DESIGN.md and README.md.
import PackageDescription

let package = Package(
    name: "mailtls",
    products: [
        .executable(name: "http-get", targets: ["http-get"]),
        .executable(name: "smtp-send", targets: ["smtp-send"]),
        .executable(name: "imap-fetch", targets: ["imap-fetch"]),
        .executable(name: "pop3-retrieve", targets: ["pop3-retrieve"]),
        .executable(name: "ldap-search", targets: ["ldap-search"]),
        .executable(name: "ftp-transfer", targets: ["ftp-transfer"]),
        .executable(name: "mail-tls-audit", targets: ["mail-tls-audit"]),
        // The parsers and framers that read server bytes, for the fuzz targets in fuzz/.
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "CurlURL", targets: ["CurlURL"]),
        .library(name: "HTTP", targets: ["HTTP"]),
        .library(name: "SMTP", targets: ["SMTP"]),
        .library(name: "IMAP", targets: ["IMAP"]),
        .library(name: "POP3", targets: ["POP3"]),
        .library(name: "FTP", targets: ["FTP"]),
        .library(name: "MailStore", targets: ["MailStore"]),
        .library(name: "LDAP", targets: ["LDAP"]),
        // The config-file reader (mailtls-config(5)), whose input is a user's file or stdin.
        .library(name: "CLI", targets: ["CLI"]),
        .library(name: "DNS", targets: ["DNS"]),
    ],
    targets: [
        // C modules: only the GnuTLS target imports CGnuTLS, only the SASL target imports CSASL,
        // only DNS imports CUnbound, all as `internal import`, so C types never appear in Swift API.
        .systemLibrary(
            name: "CGnuTLS", pkgConfig: "gnutls",
            providers: [.apt(["libgnutls28-dev"])]),
        .systemLibrary(
            name: "CSASL", pkgConfig: "libsasl2",
            providers: [.apt(["libsasl2-dev"])]),
        .systemLibrary(
            name: "CUnbound", pkgConfig: "libunbound",
            providers: [.apt(["libunbound-dev"])]),
        // One shim per C library, for what Swift cannot import (macros, callback tables).
        .target(name: "CGnuTLSShim", dependencies: ["CGnuTLS"]),
        .target(name: "CSASLShim", dependencies: ["CSASL"]),

        // curl's exit codes and the protocol by which every error type declares its own.
        .target(name: "ExitCode"),
        // Transport: sockets, deadlines, buffered byte stream, trace hooks. The one I/O seam.
        .target(name: "Transport", dependencies: ["ExitCode"]),
        // Pure URL grammar shared by every protocol (curl's URL forms).
        // IDNA2008 host names over libidn2 (which GnuTLS links already); only IDN imports CIDN2.
        .systemLibrary(name: "CIDN2", pkgConfig: "libidn2"),
        .target(name: "IDN", dependencies: ["CIDN2"]),
        .target(name: "CurlURL", dependencies: ["ExitCode", "IDN", "Codec"]),
        // Pure encodings shared across layers (base64).
        .target(name: "Codec"),  // base64, ASCII byte classes, terminal-safe rendering of server text
        // Backend-neutral TLS policy and facts; the GnuTLS backend lives in its own target.
        .target(name: "TLS", dependencies: ["ExitCode", "Transport", "Codec"]),
        .target(name: "GnuTLS", dependencies: ["TLS", "Transport", "Codec", "CGnuTLS", "CGnuTLSShim"]),
        // SASL over Cyrus libsasl2, plus built-in XOAUTH2 and OAUTHBEARER, and the one SASL
        // exchange driver every protocol's dialect runs on.
        .target(name: "SASL", dependencies: ["ExitCode", "CSASL", "CSASLShim", "Codec"]),
        // The shared command/reply engine of the mail protocols (curl's pingpong): framers with
        // limits, the session core, one STARTTLS negotiation, one login preamble.
        .target(name: "LineProtocol", dependencies: ["ExitCode", "Codec", "Transport", "TLS", "SASL"]),
        // Protocols.
        .target(name: "HTTP", dependencies: ["ExitCode", "Transport", "CurlURL", "Codec"]),
        .target(name: "SMTP", dependencies: ["ExitCode", "Transport", "Codec", "TLS", "LineProtocol", "SASL"]),
        .target(
            name: "IMAP", dependencies: ["ExitCode", "Transport", "CurlURL", "Codec", "TLS", "LineProtocol", "SASL"]),
        .target(
            name: "POP3", dependencies: ["ExitCode", "Transport", "CurlURL", "Codec", "TLS", "LineProtocol", "SASL"]),
        // LDAP: a bounded BER codec, RFC 4511 messages, RFC 4515 filters, RFC 4516 URLs, the session.
        .target(name: "LDAP", dependencies: ["ExitCode", "Transport", "CurlURL", "Codec", "TLS", "SASL"]),
        // FTP (RFC 959, 4217 AUTH TLS, 2428 EPSV): replies, commands, passive addresses, the session.
        .target(name: "FTP", dependencies: ["ExitCode", "Transport", "CurlURL", "Codec", "TLS", "LineProtocol"]),
        // DNS over libunbound (DNSSEC-validating lookups, bounded in time) and the pure parsers of
        // what the audit reads from DNS: MX, A/AAAA, TLSA (and DANE matching), TXT, MTA-STS, TLS-RPT.
        .target(name: "DNS", dependencies: ["ExitCode", "CUnbound"]),
        // Maildir and mbox writers, sync state, locking: what "saved" means for the mail tools.
        .target(name: "MailStore", dependencies: ["ExitCode"]),
        // MIME composition (RFC 2045-2047, 2231): encoders, header encoding, curl's -F parts.
        .target(name: "MIME", dependencies: ["ExitCode", "Codec"]),
        // Mailbox pulls (IMAP, POP3) into MailStore: watermarks, batches, deletes after save.
        .target(name: "MailSync", dependencies: ["ExitCode", "Codec", "IMAP", "POP3", "MailStore", "Transport"]),
        // Command-line core: option grammar and groups, netrc, prompts, trace and error rendering,
        // the tool runner. Imports no protocol.
        .target(name: "CLI", dependencies: ["ExitCode", "Codec", "Transport", "TLS", "GnuTLS", "CurlURL"]),
        // What the mail tools share on top of it: login options and SASL credentials, the
        // connection setup of a mail session, the mailbox download options.
        .target(name: "MailCLI", dependencies: ["CLI", "ExitCode", "Transport", "TLS", "CurlURL", "SASL", "Codec"]),
        // One command target per tool: its options and its run(context); only what it uses.
        .target(name: "HTTPGet", dependencies: ["CLI", "HTTP", "CurlURL", "TLS", "Transport"]),
        .target(
            name: "SMTPSend",
            dependencies: [
                "CLI", "MailCLI", "SMTP", "MIME", "SASL", "CurlURL", "TLS", "Transport", "MailStore", "ExitCode",
                "Codec", "IDN",
            ]),
        .target(
            name: "IMAPFetch",
            dependencies: [
                "CLI", "MailCLI", "IMAP", "MailStore", "MailSync", "CurlURL", "TLS", "Transport", "Codec",
            ]),
        .target(
            name: "POP3Retrieve",
            dependencies: ["CLI", "MailCLI", "POP3", "MailStore", "MailSync", "CurlURL", "Transport"]),
        .target(name: "FTPTransfer", dependencies: ["CLI", "FTP", "CurlURL", "TLS", "Transport", "LineProtocol"]),

        // Executables: one thin @main each.
        .executableTarget(name: "http-get", dependencies: ["HTTPGet"]),
        .executableTarget(name: "smtp-send", dependencies: ["SMTPSend"]),
        .executableTarget(name: "imap-fetch", dependencies: ["IMAPFetch"]),
        .executableTarget(name: "pop3-retrieve", dependencies: ["POP3Retrieve"]),
        .target(
            name: "LDAPSearch",
            dependencies: ["CLI", "MailCLI", "LDAP", "SASL", "CurlURL", "TLS", "Transport", "Codec"]),
        .executableTarget(name: "ldap-search", dependencies: ["LDAPSearch"]),
        .executableTarget(name: "ftp-transfer", dependencies: ["FTPTransfer"]),
        // mail-tls-audit: the TLS setup of a domain's MX hosts or of given mail servers, as
        // findings with severities (issue 14): targets, one connection per service, the report;
        // Domain*.swift: the domain-level checks (MX, DNSSEC, DANE, MTA-STS, TLS-RPT).
        .target(
            name: "Audit",
            dependencies: [
                "CLI", "ExitCode", "Codec", "Transport", "CurlURL", "TLS", "LineProtocol", "SMTP", "IMAP", "POP3",
                "DNS", "HTTP",
            ]),
        .executableTarget(name: "mail-tls-audit", dependencies: ["Audit"]),

        .testTarget(name: "TransportTests", dependencies: ["Transport"]),
        .testTarget(name: "CodecTests", dependencies: ["Codec"]),
        .testTarget(name: "DNSTests", dependencies: ["DNS"]),
        .testTarget(name: "CurlURLTests", dependencies: ["CurlURL", "IDN"]),
        .testTarget(name: "TLSTests", dependencies: ["TLS", "GnuTLS", "Transport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Transport", "CurlURL"]),
        .testTarget(name: "SASLTests", dependencies: ["SASL", "Codec"]),
        // Scripted transports and traces shared by the protocols' unit tests.
        .target(name: "TransportFakes", dependencies: ["Transport", "TLS"], path: "Tests/TransportFakes"),
        .testTarget(name: "LineProtocolTests", dependencies: ["LineProtocol", "TLS", "Transport", "TransportFakes"]),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP", "LineProtocol", "TLS", "Transport", "TransportFakes"]),
        .testTarget(
            name: "IMAPTests", dependencies: ["IMAP", "LineProtocol", "SASL", "TLS", "Transport", "TransportFakes"]),
        .testTarget(
            name: "FTPTests",
            dependencies: [
                "FTP", "FTPTransfer", "CLI", "ExitCode", "LineProtocol", "TLS", "Transport", "TransportFakes",
            ]),
        .testTarget(name: "MailStoreTests", dependencies: ["MailStore"]),
        .testTarget(name: "MIMETests", dependencies: ["MIME"]),
        .testTarget(name: "LDAPTests", dependencies: ["LDAP", "SASL", "TLS", "Transport", "TransportFakes"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "CLI", "DNS", "HTTP", "TLS", "Transport", "SMTP"]),
        .testTarget(name: "MailSyncTests", dependencies: ["MailSync", "IMAP", "POP3", "MailStore"]),
        .testTarget(name: "POP3Tests", dependencies: ["POP3", "LineProtocol", "TLS", "Transport", "TransportFakes"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "CLI", "MailCLI", "ExitCode", "TLS", "Transport", "TransportFakes", "Codec", "HTTP", "HTTPGet",
                "SMTPSend",
                "IMAPFetch", "POP3Retrieve", "FTPTransfer", "LDAPSearch", "SMTP", "IMAP", "POP3", "SASL", "MailStore",
                "MailSync", "CurlURL", "LineProtocol",
            ]),
        .testTarget(
            name: "IntegrationTests", dependencies: ["TLS", "GnuTLS", "Transport", "DNS", "Audit"],
            exclude: ["Scripts"]),  // helper servers the tests run, not Swift
    ]
)

// No target uses Swift's Regex: without the implicit import of _StringProcessing (and with it
// _RegexParser) the executables do not carry or load those modules (about 1 MiB of code each;
// bench/README.md). String searches use the standard library or Codec's helpers instead.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .unsafeFlags(["-Xfrontend", "-disable-implicit-string-processing-module-import"])
        ]
}

// How release executables are linked, here so that every build of them gets it (scripts/install,
// bench/, by hand); each saves resident memory in every run (bench/README.md, "Findings:
// resident memory"). Debug builds and the tests keep the defaults (XCTest needs the shared runtime).
// - `-static-stdlib`: the Swift runtime linked in (what `--static-swift-stdlib` does): only what
//   a tool uses, nothing of it relocated at start-up (2.5 MiB).
// - lld (shipped with the toolchain) with packed relative relocations (DT_RELR, glibc 2.36):
//   469 KiB of `.rela.dyn` no longer read at start-up (0.4 MiB).
// - linker/hot-functions.order (scripts/hot-functions makes it): the functions typical runs
//   execute, placed together, as the kernel maps code 64 KiB around each page touched (1.8 MiB).
// - linker/static-libstdc++: a directory searched first whose libstdc++.a links to Debian 12's
//   (libstdc++-12-dev): the runtime's few C++ needs linked in, instead of loading and relocating
//   libstdc++.so (0.9 MiB). Where the link dangles (another GCC), the shared library is used.
let packageDirectory = String(#filePath.dropLast("/Package.swift".count))
for target in package.targets where target.type == .executable {
    target.linkerSettings =
        (target.linkerSettings ?? []) + [
            .unsafeFlags(
                [
                    "-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                    "-Xlinker", "--symbol-ordering-file=\(packageDirectory)/linker/hot-functions.order",
                    "-Xlinker", "--no-warn-symbol-ordering",
                    "-L", "\(packageDirectory)/linker/static-libstdc++",
                ],
                .when(platforms: [.linux], configuration: .release))
        ]
}
