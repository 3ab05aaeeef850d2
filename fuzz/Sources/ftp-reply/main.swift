import FTP
import FuzzSupport

// FTP control replies (RFC 959 framing, as the session reads them) one after another, each also
// read as a FEAT list and as 227 and 229 passive replies, until the bytes end or one is refused.
fuzz { data in
    var input = ServerBytes(data)
    let session = FTPSession(stream: input.stream(), trace: DiscardingTrace(), implicitTLS: false)
    while let reply = try? session.readReply() {
        _ = FTPFeatures.parse(reply.texts)
        if let text = reply.texts.first {
            _ = try? FTPPassiveAddress.parseEPSV(text)
            _ = try? FTPPassiveAddress.parsePASV(text)
        }
    }
}
