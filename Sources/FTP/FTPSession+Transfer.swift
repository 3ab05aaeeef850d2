import LineProtocol
import TLS
import Transport

extension FTPSession {
    /// EPSV (unless disabled), PASV when EPSV is refused; returns where to connect.
    public func passiveAddress(_ mode: FTPPassiveMode) throws -> FTPPassiveAddress {
        if mode.tryEPSV {
            let reply = try run(.epsv)
            if reply.code == 229 { return try FTPPassiveAddress.parseEPSV(reply.texts.first ?? []) }
            trace.info("EPSV refused (\(reply.code)); trying PASV")
        }
        let reply = try run(.pasv)
        guard reply.code == 227 else { throw FTPError.rejected(.passive, reply, "PASV refused") }
        return try FTPPassiveAddress.parsePASV(reply.texts.first ?? [])
    }

    /// Opens a data connection and starts `command` on it (RETR, LIST, NLST, STOR, APPE): the
    /// TCP connection first, then the command, then (after its 1yz reply) the TLS handshake,
    /// which resumes the control connection's session. Returns nil when the server answered a
    /// download or listing with a final 2yz reply at once (nothing to transfer, and that reply
    /// was the transfer's last: do not call `finishTransfer`); for a store that is curl 25.
    public func startTransfer(
        _ command: FTPCommand, stage: FTPError.Stage, mode: FTPPassiveMode, connector: FTPDataConnector
    ) throws -> FTPDataChannel? {
        let address = try passiveAddress(mode)
        var transport = try connector.connect(to: address)
        try send(command)
        let reply = try readReply()
        if reply.code / 100 == 2 {
            transport.close()
            // A store the server calls done before a byte was sent has not stored the file.
            if stage == .store {
                throw FTPError.rejected(.store, reply, "Failed FTP upload (\(command.verb) answered before any data)")
            }
            return nil
        }
        guard reply.code / 100 == 1 else {
            transport.close()
            throw FTPError.rejected(
                stage, reply, stage == .store ? "Failed FTP upload (\(command.verb))" : "\(command.verb) failed")
        }
        if protectsData {
            let secured = try connector.secure(transport, resuming: resumption)
            dataTLSFacts = secured.facts
            transport = secured
        }
        return FTPDataChannel(
            transport: transport, deadline: stream.deadline, idleTimeout: stream.idleTimeout,
            maxSize: limits.maxTransferSize)
    }

    /// Reads the reply that ends a transfer (226 or 250); anything else is the error for
    /// `stage` (a download's is curl 18, an upload's curl 25). With `tolerant` (a range cut
    /// short on purpose) any reply is accepted.
    public func finishTransfer(stage: FTPError.Stage, tolerant: Bool = false) throws {
        let reply = try readFinalReply()
        guard reply.code / 100 == 2 || tolerant else {
            throw FTPError.rejected(stage, reply, "Transfer did not complete")
        }
    }
}
