import FuzzSupport
import POP3

// Multi-line bodies (POP3BodyReader over POP3DotDecoder), pipelined: bodies one after another
// until the bytes end or one is refused. No body decodes to more bytes than were sent.
final class CountingSink: POP3BodySink {
    var total = 0
    func write(_ bytes: UnsafeRawBufferPointer) throws { total += bytes.count }
}

fuzz { data in
    let stream = ServerBytes(data).stream()
    let sink = CountingSink()
    while let count = try? POP3BodyReader.read(from: stream, into: sink) {
        precondition(count <= UInt64(data.count) && sink.total <= data.count, "decoded more bytes than were sent")
    }
}
