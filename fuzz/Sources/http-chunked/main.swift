import CurlURL
import FuzzSupport
import HTTP

// A chunked body (ChunkedDecoder as HTTPTransfer drives it): the input follows a fixed
// `Transfer-Encoding: chunked` head, so every mutation lands in the body. No body decodes to
// more bytes than were sent.
let url = try! CurlURL(parsing: "http://fuzz.test/")
let head = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)

fuzz { data in
    let stream = ServerBytes(data).stream(after: head)
    var total = 0
    let result = try? HTTPTransfer.run(
        url: url, options: HTTPTransferOptions(userAgent: nil), trace: DiscardingTrace(),
        connect: { _ in stream }, onHead: { _ in }, onBody: { total += $0.count })
    precondition(
        total <= data.count && (result.map { $0.bodyByteCount == Int64(total) } ?? true), "body larger than its input")
}
