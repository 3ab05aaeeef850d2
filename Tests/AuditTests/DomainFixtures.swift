import DNS
import TLS

@testable import Audit

/// Hand-made DNS answers and certificates for the domain checks' unit tests: no resolver, no network.
enum DomainFixtures {
    /// A name in DNS wire format (uncompressed).
    static func wire(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for label in name.split(separator: ".") {
            bytes.append(UInt8(label.utf8.count))
            bytes += Array(label.utf8)
        }
        return bytes + [0]
    }

    static func mx(_ preference: UInt16, _ host: String) -> [UInt8] {
        [UInt8(preference >> 8), UInt8(preference & 0xFF)] + (host == "." ? [0] : wire(host))
    }

    static func txt(_ strings: String...) -> [UInt8] {
        strings.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
    }

    static func tlsa(_ usage: UInt8, _ selector: UInt8, _ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        [usage, selector, type] + data
    }

    static func answer(
        _ name: String, _ type: DNSRecordType, _ rdata: [[UInt8]], security: DNSSecurity = .secure,
        rcode: Int = DNSAnswer.noError
    ) -> DNSAnswer {
        DNSAnswer(
            name: name.hasSuffix(".") ? name : name + ".", type: type, rcode: rcode, security: security, rdata: rdata)
    }

    static func lookup(
        _ type: DNSRecordType, _ rdata: [[UInt8]] = [[127, 0, 0, 1]], security: DNSSecurity = .secure,
        rcode: Int = DNSAnswer.noError
    ) -> DomainLookup {
        DomainLookup(answer: answer("host.example", type, rdata, security: security, rcode: rcode))
    }

    static let leafSPKI: [UInt8] = [0x30, 0x03, 0x01, 0x02, 0x03]
    static let caDER: [UInt8] = [0x30, 0x04, 0xCA, 0xCA, 0xCA, 0xCA]

    static func certificate(
        subject: String, issuer: String, names: [String], spki: [UInt8], der: [UInt8]
    ) -> PeerCertificate {
        PeerCertificate(
            subject: subject, issuer: issuer, commonName: names.first, notBefore: 0, notAfter: 1, dnsNames: names,
            publicKeyAlgorithm: "RSA", version: 3, subjectPublicKeyInfo: spki, subjectPublicKeyDigest: [], der: der)
    }

    /// mx.example's certificate from "CN=Test CA", then the CA.
    static func chain(leafNames: [String] = ["mx.example"]) -> [PeerCertificate] {
        [
            certificate(
                subject: "CN=mx.example", issuer: "CN=Test CA", names: leafNames, spki: leafSPKI,
                der: [0x30, 0x01, 0x01]),
            certificate(subject: "CN=Test CA", issuer: "CN=Test CA", names: [], spki: [0x30, 0x00], der: caDER),
        ]
    }
}

/// Answers from a table; a name/type not in it is a secure NXDOMAIN.
final class FakeResolver: DomainResolving {
    var answers: [String: DNSAnswer] = [:]
    var failures: [String: DNSError] = [:]
    private(set) var asked: [String] = []

    func add(_ answer: DNSAnswer) { answers["\(answer.name) \(answer.type)"] = answer }

    func resolve(_ name: String, type: DNSRecordType) throws(DNSError) -> DNSAnswer {
        let key = "\(name.hasSuffix(".") ? name : name + ".") \(type)"
        asked.append(key)
        if let failure = failures[key] { throw failure }
        return answers[key]
            ?? DNSAnswer(
                name: String(key.split(separator: " ")[0]), type: type, rcode: DNSAnswer.nameError,
                security: .secure, rdata: [])
    }
}
