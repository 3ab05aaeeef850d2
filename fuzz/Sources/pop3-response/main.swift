import FuzzSupport
import POP3

// POP3 status lines as the session reads them, with or without AUTH continuations (second
// byte), one after another until the bytes end or one is refused.
fuzz { data in
    var input = ServerBytes(data)
    let continuation = input.choose(2) == 1
    let stream = input.stream()
    let trace = DiscardingTrace()
    while (try? POP3Response.read(from: stream, trace: trace, allowsContinuation: continuation)) != nil {}
}
