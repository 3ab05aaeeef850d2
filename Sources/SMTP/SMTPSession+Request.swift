/// curl's "SMTP based command" and the session's end after a refusal.
extension SMTPSession {
    /// Sends each command of `request` in turn (one per recipient) and hands every accepted
    /// reply to `output` before the next command, as curl writes each answer as it comes.
    /// - Throws: `SMTPError.rejected(.command, reply)` (curl 8, `Command failed: 550`) for the
    ///   first reply `request` does not accept; later commands are not sent.
    public func perform(_ request: SMTPRequest, output: (SMTPReply) throws -> Void) throws {
        for line in try request.commandLines(serverHasSMTPUTF8: capabilities.smtpUTF8) {
            let reply = try command(line)
            guard request.accepts(reply) else { throw SMTPError.rejected(.command, reply) }
            try output(reply)
        }
    }

    /// Runs `body`; when the server refuses a command of the transaction (MAIL, RCPT, DATA, the
    /// message, a `-X` command), says QUIT before passing the refusal on, as curl does. Other
    /// failures (a broken connection, a malformed reply, a refused login) leave the connection
    /// as it is: it is closed, since nothing more can be trusted from it.
    public func quittingAfterRefusal<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SMTPError {
            if case .rejected(let stage, _) = error.kind, stage.endsWithQuit { quit() }
            throw error
        }
    }
}

extension SMTPError.Stage {
    /// Refusals after which the session is still in step, so QUIT can be said.
    var endsWithQuit: Bool {
        switch self {
        case .mail, .rcpt, .data, .message, .command: true
        case .greeting, .ehlo, .helo, .startTLS, .auth: false
        }
    }
}

extension SMTPSession {
    /// Reads the reply to a pipelined DATA whose transaction failed. A server that answers
    /// 354 anyway (RFC 2920 says 554) would take the next line as message text: the connection
    /// is closed instead, so no QUIT can become part of a message.
    func discardPipelinedDataReply() {
        guard let reply = try? readReply(), reply.code != 354 else {
            isAbandoned = true
            stream.close()
            return
        }
    }
}
