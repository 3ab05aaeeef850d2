/// Receives a multi-line response's content (a message from RETR or TOP, a custom command's
/// answer) as it arrives: dot-unstuffed, CR LF line endings kept as sent, without the final `.`
/// line. Pieces are at most the `ByteStream`'s buffer size. If `write` throws, reading stops with
/// that error in the middle of the response: the connection cannot be used any more.
public protocol POP3BodySink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}
