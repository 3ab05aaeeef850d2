import CurlURL
import FuzzSupport
import HTTP

// A whole HTTP transfer over one in-memory connection (HTTPTransfer.run: interim responses,
// the head, body framing, chunked decoding). The second byte chooses HEAD or GET and whether
// redirects are followed; a followed redirect reads its response from the bytes that remain.
let url = try! CurlURL(parsing: "http://fuzz.test/")

fuzz { data in
    var input = ServerBytes(data)
    let choice = input.choose(4)
    let options = HTTPTransferOptions(headOnly: choice & 1 != 0, userAgent: nil, followRedirects: choice & 2 != 0)
    let stream = input.stream()
    _ = try? HTTPTransfer.run(
        url: url, options: options, trace: DiscardingTrace(),
        connect: { _ in stream }, onHead: { _ in }, onBody: { _ in })
}
