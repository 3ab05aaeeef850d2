import FuzzSupport
import POP3

// The multi-line listings after their +OK line: LIST, UIDL or CAPA (second byte chooses).
fuzz { data in
    var input = ServerBytes(data)
    let which = input.choose(3)
    let stream = input.stream()
    let trace = DiscardingTrace()
    switch which {
    case 0: _ = try? POP3ScanListing.readListing(from: stream, trace: trace)
    case 1: _ = try? POP3UniqueIDListing.readListing(from: stream, trace: trace)
    default: _ = try? POP3Capabilities.read(from: stream, trace: trace)
    }
}
