// swift-tools-version:6.0
// libFuzzer targets for mailtls's parsers and framers of server bytes. Not part of the root
// package or CI: build and run with scripts/fuzz (README, "Fuzzing"). Each target is one
// executable whose main.swift hands its test to libFuzzer (FuzzSupport's `fuzz`); scripts/fuzz
// builds with -sanitize=fuzzer,address.
import PackageDescription

/// Fuzz target name -> the root package's library products it uses.
let fuzzTargets: [(String, [String])] = [
    ("smtp-reply", ["SMTP"]),
    ("imap-response", ["IMAP"]),
    ("imap-literal", ["IMAP"]),
    ("pop3-response", ["POP3"]),
    ("pop3-body", ["POP3"]),
    ("pop3-listing", ["POP3"]),
    ("http-response", ["HTTP", "CurlURL"]),
    ("http-chunked", ["HTTP", "CurlURL"]),
    ("curl-url", ["CurlURL"]),
    ("state-file", ["MailStore"]),
    ("ldap-message", ["LDAP"]),
    ("ftp-reply", ["FTP"]),
    ("config-file", ["CLI"]),
    ("dns-rdata", ["DNS"]),
    ("mta-sts", ["DNS"]),
]

let package = Package(
    name: "mailtls-fuzz",
    // The root package, through the link .build-fuzz/mailtls -> .. that scripts/fuzz makes:
    // SwiftPM names a path dependency after its directory, so a checkout whose directory is
    // called "fuzz" (or anything else) would otherwise clash with this package or change name.
    dependencies: [.package(path: "../.build-fuzz/mailtls")],
    targets: [
        // The in-memory server and trace the targets feed bytes through.
        .target(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "Transport", package: "mailtls")]),
    ]
        + fuzzTargets.map { name, products in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "mailtls") })
        }
)
