/// The lines of the STARTTLS injection test in each protocol, and how to read the answers.
struct InjectionDialect {
    let mailProtocol: MailProtocol

    init(_ mailProtocol: MailProtocol) { self.mailProtocol = mailProtocol }

    /// Said after the greeting, before the upgrade (SMTP needs EHLO to offer STARTTLS).
    var hello: String? { mailProtocol == .smtp ? "EHLO \(ServiceDialog.clientName)" : nil }

    var upgrade: String {
        switch mailProtocol {
        case .smtp: "STARTTLS"
        case .imap: "a STARTTLS"
        case .pop3: "STLS"
        }
    }

    /// The line sent in the same write as the upgrade.
    var injected: String { mailProtocol == .imap ? "b NOOP" : "NOOP" }

    /// The only command the audit itself sends under TLS.
    var goodbye: String {
        switch mailProtocol {
        case .smtp, .pop3: "QUIT"
        case .imap: "c LOGOUT"
        }
    }

    /// Whether `line` ends a reply: SMTP's last line has a space (or nothing) after the code;
    /// an IMAP or POP3 status line is a reply of its own.
    func endsReply(_ line: [UInt8]) -> Bool {
        guard mailProtocol == .smtp else { return true }
        return line.count < 4 || line[3] != UInt8(ascii: "-")
    }

    /// The greeting or the go-ahead is positive: `220`, `* OK`, `a OK`, `+OK`.
    func isPositive(_ reply: [[UInt8]]) -> Bool {
        guard let last = reply.last else { return false }
        let text = String(decoding: last, as: UTF8.self)
        switch mailProtocol {
        case .smtp: return text.hasPrefix("220")
        case .imap: return text.hasPrefix("* OK") || text.hasPrefix("a OK")
        case .pop3: return text.hasPrefix("+OK")
        }
    }

    /// The goodbye was answered: SMTP `221`, IMAP's tagged `c` line. POP3 goes on to the end
    /// of the connection (its NOOP and QUIT answers look alike).
    func endsGoodbye(_ reply: [[UInt8]]) -> Bool {
        guard let last = reply.last else { return true }
        let text = String(decoding: last, as: UTF8.self)
        switch mailProtocol {
        case .smtp: return text.hasPrefix("221")
        case .imap: return text.hasPrefix("c ")
        case .pop3: return false
        }
    }

    /// The reply that answered the injected line, if the server answered it under TLS.
    func injectedAnswer(in replies: [[[UInt8]]]) -> [[UInt8]]? {
        switch mailProtocol {
        case .smtp: return replies.first { !endsGoodbye($0) }
        case .imap: return replies.first { $0.last.map { $0.starts(with: Array("b ".utf8)) } ?? false }
        case .pop3: return replies.count >= 2 ? replies.first : nil
        }
    }

    /// A reply for evidence: its last line, printable.
    func text(_ reply: [[UInt8]]) -> String {
        guard let last = reply.last else { return "(connection closed)" }
        return String(decoding: last.prefix(200), as: UTF8.self)
    }
}
