/// Keeps the first of each wanted field of a header fed line by line (RFC 5322 2.2: `name:
/// value`, continued on lines starting with white space): by default Message-ID, Date, From and
/// Subject, for fingerprints. Memory: those values, each cut at 4 KiB, whatever the header's size.
struct HeaderFieldCollector {
    static let fingerprintFields: Set<String> = ["message-id", "date", "from", "subject"]
    static let maxValueSize = 4096

    /// Lowercased field names.
    private let wanted: Set<String>
    private(set) var fields: [String: String] = [:]
    private var name: String?
    private var value: [UInt8] = []

    init(wanted: Set<String> = fingerprintFields) {
        self.wanted = wanted
    }

    /// Takes one line without its LF (a trailing CR is ignored). Returns false at the empty
    /// line that ends the header.
    mutating func add(_ rawLine: ArraySlice<UInt8>) -> Bool {
        let line = rawLine.last == .cr ? rawLine.dropLast() : rawLine
        if line.isEmpty {
            finish()
            return false
        }
        if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
            if name != nil { append(line) }
            return true
        }
        finish()
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let fieldName = String(decoding: line[..<colon], as: UTF8.self).trimmingBlanks().lowercased()
        if wanted.contains(fieldName) && fields[fieldName] == nil {
            name = fieldName
            append(line[line.index(after: colon)...])
        }
        return true
    }

    /// Ends the field being collected.
    mutating func finish() {
        if let name {
            let words = value.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == .cr }
            )
            fields[name] = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        }
        name = nil
        value = []
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        value.append(UInt8(ascii: " "))
        value += bytes.prefix(max(0, Self.maxValueSize - value.count))
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (RFC 5322 obsolete syntax allows them
    /// around a field name).
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
