import Codec

/// Validation of the text between `[` and `]` in a URL's host (RFC 3986 3.2.2, RFC 6874 zones).
/// The host goes to getaddrinfo and into a Host header, so only well-formed literals pass.
enum IPv6Literal {
    /// Returns the address as getaddrinfo wants it (zone `%25eth0` decoded to `%eth0`),
    /// or nil when the literal is not an IPv6 address. IPvFuture (`[v1.x]`) is refused.
    //  IPv6addrz = IPv6address "%25" ZoneID
    //  ZoneID    = 1*( unreserved / pct-encoded )
    static func parse(_ literal: Substring) -> String? {
        var address = literal
        var zone = ""
        if let percent = literal.firstIndex(of: "%") {
            address = literal[..<percent]
            let rest = literal[percent...]
            guard rest.hasPrefix("%25"), rest.count > 3,
                rest.dropFirst(3).utf8.allSatisfy(PercentEncoding.isUnreserved)
            else { return nil }
            zone = "%" + rest.dropFirst(3)
        }
        guard isAddress(address) else { return nil }
        return address + zone
    }

    //  IPv6address =                            6( h16 ":" ) ls32
    //              /                       "::" 5( h16 ":" ) ls32
    //              / [               h16 ] "::" 4( h16 ":" ) ls32
    //              / … (up to)  [ *6( h16 ":" ) h16 ] "::"
    //  ls32        = ( h16 ":" h16 ) / IPv4address
    static func isAddress(_ text: Substring) -> Bool {
        guard let gap = text.firstRange(ofText: "::") else {
            return groups(text, allowIPv4: true) == 8
        }
        let head = text[..<gap.lowerBound], tail = text[gap.upperBound...]
        // At most one "::", and no third colon next to it.
        guard !tail.hasPrefix(":"), tail.firstRange(ofText: "::") == nil,
            let headCount = groups(head, allowIPv4: false),
            let tailCount = groups(tail, allowIPv4: true)
        else { return false }
        return headCount + tailCount <= 7
    }

    /// Counts the 16-bit groups in `h16 *(":" h16)` (an IPv4 tail counts as two), nil if invalid.
    private static func groups(_ text: Substring, allowIPv4: Bool) -> Int? {
        if text.isEmpty { return 0 }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        var count = 0
        for (index, piece) in pieces.enumerated() {
            if allowIPv4 && index == pieces.count - 1 && piece.contains(".") {
                guard isIPv4(piece) else { return nil }
                count += 2
            } else {
                guard (1...4).contains(piece.utf8.count),
                    piece.utf8.allSatisfy({ PercentEncoding.hexValue($0) != nil })
                else { return nil }
                count += 1
            }
        }
        return count
    }

    //  IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet
    //  dec-octet   = "0" / 1-9 / 10-99 / 100-199 / 200-249 / 250-255   (no leading zeros)
    private static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        return octets.allSatisfy { octet in
            guard (1...3).contains(octet.utf8.count),
                octet.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                octet.utf8.count == 1 || octet.utf8.first != UInt8(ascii: "0"),
                let value = Int(octet)
            else { return false }
            return value <= 255
        }
    }
}
