extension STSPolicy {
    static let what = "MTA-STS policy"

    /// Parses a policy body. Lines end with LF or CRLF, the last one may lack it; every line is
    /// `key ":" *WSP value *WSP`; `version: STSv1`, `mode` and `max_age` are required, and at
    /// least one `mx` unless the mode is `none`.
    public static func parse(_ body: [UInt8]) throws(DNSRecordError) -> STSPolicy {
        guard body.count <= maximumSize else { throw DNSRecordError(what, "over \(maximumSize) bytes") }
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.count > 1, lines.last!.isEmpty { lines.removeLast() }
        var fields: [TXTField] = []
        for (number, raw) in lines.enumerated() {
            let line = raw.last == 0x0D ? raw.dropLast() : raw
            fields.append(try field(line, number: number + 1))
        }
        func first(_ key: String) -> String? { fields.first { $0.name == key }?.value }
        guard let version = first("version") else { throw DNSRecordError(what, "no 'version' line") }
        guard version == "STSv1" else { throw DNSRecordError(what, "version '\(version)', not STSv1") }
        guard let modeText = first("mode") else { throw DNSRecordError(what, "no 'mode' line") }
        guard let mode = Mode(rawValue: modeText) else {
            throw DNSRecordError(what, "mode '\(modeText)' (enforce, testing or none)")
        }
        guard let ageText = first("max_age") else { throw DNSRecordError(what, "no 'max_age' line") }
        guard (1...10).contains(ageText.count), ageText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let maxAge = Int(ageText), maxAge <= maximumMaxAge
        else { throw DNSRecordError(what, "max_age '\(ageText)' is not a number of seconds up to \(maximumMaxAge)") }
        let mx = fields.filter { $0.name == "mx" }.map { $0.value.lowercased() }
        for pattern in mx where !isMXPattern(pattern) {
            throw DNSRecordError(what, "mx '\(pattern)' is not a host name or '*.' and a domain")
        }
        guard !mx.isEmpty || mode == .none else { throw DNSRecordError(what, "no 'mx' line (mode \(mode.rawValue))") }
        let known: Set = ["version", "mode", "max_age", "mx"]
        var seen: Set<String> = []
        var repeated: [String] = []
        for field in fields where field.name != "mx" {
            if !seen.insert(field.name).inserted, !repeated.contains(field.name) { repeated.append(field.name) }
        }
        return STSPolicy(
            mode: mode, maxAge: maxAge, mx: mx, extensions: fields.filter { !known.contains($0.name) },
            repeatedKeys: repeated)
    }

    /// One `key: value` line (the value's trailing blanks dropped).
    static func field(_ line: ArraySlice<UInt8>, number: Int) throws(DNSRecordError) -> TXTField {
        guard let colon = line.firstIndex(of: 0x3A) else { throw DNSRecordError(what, "line \(number) has no ':'") }
        let key = line[..<colon]
        guard TXTFieldList.isFieldName(key) else { throw DNSRecordError(what, "line \(number): bad key") }
        let value = TXTFieldList.trimmingWSP(line[(colon + 1)...])
        guard !value.isEmpty else { throw DNSRecordError(what, "line \(number): empty value") }
        // sts-policy-vchar: visible ASCII or UTF-8; no control characters.
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
            throw DNSRecordError(what, "line \(number): control character in the value")
        }
        let text = String(decoding: value, as: UTF8.self)
        guard Array(text.utf8) == Array(value) else { throw DNSRecordError(what, "line \(number): not UTF-8") }
        return TXTField(name: String(decoding: key, as: UTF8.self), value: text)
    }

    /// `["*."] sub-domain *("." sub-domain)`, sub-domains of letters, digits and inner hyphens.
    static func isMXPattern(_ pattern: String) -> Bool {
        let domain = pattern.hasPrefix("*.") ? pattern.dropFirst(2) : Substring(pattern)
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return false }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
            return TXTFieldList.isAlphaDigit(first) && TXTFieldList.isAlphaDigit(last)
                && bytes.allSatisfy { TXTFieldList.isAlphaDigit($0) || $0 == 0x2D }
        }
    }
}
