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
        // The parsers and framers that read server bytes, for the fuzz targets in fuzz/.
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "CurlURL", targets: ["CurlURL"]),
        .library(name: "HTTP", targets: ["HTTP"]),
        .library(name: "SMTP", targets: ["SMTP"]),
        .library(name: "IMAP", targets: ["IMAP"]),
        .library(name: "POP3", targets: ["POP3"]),
        .library(name: "MailStore", targets: ["MailStore"]),
    ],
    targets: [
        // C modules: only the GnuTLS target imports CGnuTLS, only the SASL target imports CSASL.
        .systemLibrary(name: "CGnuTLS", pkgConfig: "gnutls",
                       providers: [.apt(["libgnutls28-dev"])]),
        .systemLibrary(name: "CSASL", pkgConfig: "libsasl2",
                       providers: [.apt(["libsasl2-dev"])]),
        .target(name: "CShim", dependencies: ["CGnuTLS", "CSASL"]),

        // Transport: sockets, deadlines, buffered byte stream, trace hooks. The one I/O seam.
        .target(name: "Transport"),
        // Pure URL grammar shared by every protocol (curl's URL forms).
        .target(name: "CurlURL"),
        // Pure encodings shared across layers (base64).
        .target(name: "Codec"),
        // Backend-neutral TLS policy and facts; the GnuTLS backend lives in its own target.
        .target(name: "TLS", dependencies: ["Transport", "Codec"]),
        .target(name: "GnuTLS", dependencies: ["TLS", "Transport", "CGnuTLS", "CShim"]),
        // SASL over Cyrus libsasl2, plus built-in XOAUTH2 and OAUTHBEARER.
        .target(name: "SASL", dependencies: ["CSASL", "CShim", "Codec"]),
        // The shared command/reply engine of the mail protocols: STARTTLS policy, SASL driver.
        .target(name: "LineProtocol", dependencies: ["Transport", "SASL"]),
        // Protocols.
        .target(name: "HTTP", dependencies: ["Transport", "CurlURL", "Codec"]),
        .target(name: "SMTP", dependencies: ["Transport", "Codec", "LineProtocol", "SASL"]),
        .target(name: "IMAP", dependencies: ["Transport", "Codec", "LineProtocol", "SASL", "MailStore"]),
        .target(name: "POP3", dependencies: ["Transport", "Codec", "LineProtocol", "SASL", "MailStore"]),
        // Maildir and mbox writers, sync state, locking: what "saved" means for the mail tools.
        .target(name: "MailStore"),
        // Shared command-line layer: option groups, error rendering, exit codes, tool entry points.
        .target(name: "CLI", dependencies: ["Transport", "TLS", "GnuTLS", "CurlURL", "HTTP", "LineProtocol", "SASL", "SMTP", "IMAP", "POP3", "MailStore"]),

        .executableTarget(name: "http-get", dependencies: ["CLI"]),
        .executableTarget(name: "smtp-send", dependencies: ["CLI"]),
        .executableTarget(name: "imap-fetch", dependencies: ["CLI"]),
        .executableTarget(name: "pop3-retrieve", dependencies: ["CLI"]),

        .testTarget(name: "TransportTests", dependencies: ["Transport"]),
        .testTarget(name: "CodecTests", dependencies: ["Codec"]),
        .testTarget(name: "CurlURLTests", dependencies: ["CurlURL"]),
        .testTarget(name: "TLSTests", dependencies: ["TLS", "GnuTLS", "Transport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Transport", "CurlURL"]),
        .testTarget(name: "SASLTests", dependencies: ["SASL", "Codec"]),
        // Scripted transports and traces shared by the protocols' unit tests.
        .target(name: "TransportFakes", dependencies: ["Transport"], path: "Tests/TransportFakes"),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP", "Transport", "TransportFakes"]),
        .testTarget(name: "IMAPTests", dependencies: ["IMAP", "Transport", "TransportFakes"]),
        .testTarget(name: "MailStoreTests", dependencies: ["MailStore"]),
        .testTarget(name: "POP3Tests", dependencies: ["POP3", "Transport", "TransportFakes"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "TLS", "Transport", "HTTP"]),
        .testTarget(name: "IntegrationTests", dependencies: ["TLS", "GnuTLS", "Transport"]),
    ]
)
