import FuzzSupport
import SMTP

// SMTP replies as the session reads them (SMTPReplyReader over SMTPReplyParser), one after
// another until the bytes end or a reply is refused. Every reply takes at least one line.
fuzz { data in
    let stream = ServerBytes(data).stream()
    let trace = DiscardingTrace()
    while (try? SMTPReply.read(from: stream, trace: trace)) != nil {}
}
