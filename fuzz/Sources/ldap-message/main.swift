import FuzzSupport
import LDAP

// LDAP responses as the session reads them: the framer takes one BER element at a time from
// the stream and each is decoded, until the bytes end or one is refused. The first byte picks
// a small message-size limit half of the time, so the limit checks run too. Entries are
// printed as ldap-search prints them, which walks their attributes again in place.
fuzz { data in
    var input = ServerBytes(data)
    let limits = input.choose(2) == 1 ? BERLimits(maxMessageSize: 512, maxDepth: 4) : .standard
    let framer = LDAPMessageFramer(stream: input.stream(), limits: limits)
    for _ in 0..<10_000 {
        guard let bytes = try? framer.next(), let message = try? LDAPMessage.decode(bytes, limits: limits) else {
            break
        }
        if case .searchResultEntry(let entry) = message.response {
            var text: [UInt8] = []
            LDAPEntryText.render(entry, into: &text)
            precondition(entry.attributes.reduce(0) { $0 + $1.values.count } <= PartialAttributeList.maxValues)
        }
    }
}
