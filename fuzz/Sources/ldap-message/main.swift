import FuzzSupport
import LDAP

// LDAP responses as the session reads them: the framer takes one BER element at a time from
// the stream and each is decoded, until the bytes end or one is refused. The first byte picks
// a small message-size limit half of the time, so the limit checks run too.
fuzz { data in
    var input = ServerBytes(data)
    let limits = input.choose(2) == 1 ? BERLimits(maxMessageSize: 512, maxDepth: 4) : .standard
    let framer = LDAPMessageFramer(stream: input.stream(), limits: limits)
    for _ in 0..<10_000 {
        guard let message = try? framer.next(), (try? LDAPMessage.decode(message, limits: limits)) != nil else { break }
    }
}
