import FuzzSupport
import IMAP

// IMAP responses as the session reads them (IMAPResponseReader: lines, literals, then the
// parser), one after another until the bytes end or one is refused. The second byte says
// where message body literals go: kept, streamed to a sink, or dropped.
final class DiscardingSink: IMAPLiteralSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws {}
}

fuzz { data in
    var input = ServerBytes(data)
    let destination: IMAPLiteralDestination = [.collect, .stream(DiscardingSink()), .discard][input.choose(3)]
    let reader = IMAPResponseReader(stream: input.stream(), trace: DiscardingTrace())
    while (try? reader.read(bodyLiteral: { _ in destination })) != nil {}
}
