/// The JSON documents the tools write (`--json`): pretty-printed, keys sorted by their UTF-8
/// bytes, `/` not escaped, byte for byte what Foundation's `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (the tests compare the two). Written
/// here so that no tool links Foundation: FoundationEssentials alone added about 2 MiB to every
/// run's resident memory, for one document at the end (bench/README.md).
public struct JSONDocumentEncoder {
    public init() {}

    /// The document, without a final line end.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(try JSONTreeEncoder.encode(value, at: []), indent: 0, to: &output)
        return output
    }

    private func write(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .number(let text): output += text.utf8
        case .string(let text): Self.writeString(text, to: &output)
        case .deferred(let encoder): write(encoder.value ?? .object(JSONObjectBox()), indent: indent, to: &output)
        case .array(let box):
            output.append(UInt8(ascii: "["))
            output.append(0x0A)
            for (index, item) in box.items.enumerated() {
                if index > 0 { output += ",\n".utf8 }
                Self.writeIndent(indent + 2, to: &output)
                write(item, indent: indent + 2, to: &output)
            }
            output.append(0x0A)
            Self.writeIndent(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let box):
            output.append(UInt8(ascii: "{"))
            output.append(0x0A)
            let keys = box.members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += ",\n".utf8 }
                Self.writeIndent(indent + 2, to: &output)
                Self.writeString(key, to: &output)
                output += " : ".utf8
                write(box.members[key]!, indent: indent + 2, to: &output)
            }
            output.append(0x0A)
            Self.writeIndent(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeIndent(_ count: Int, to output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00xx` escapes,
    /// everything else (DEL and non-ASCII included) as its UTF-8 bytes.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += #"\""#.utf8
            case UInt8(ascii: "\\"): output += #"\\"#.utf8
            case 0x0A: output += #"\n"#.utf8
            case 0x0D: output += #"\r"#.utf8
            case 0x09: output += #"\t"#.utf8
            case 0x08: output += #"\b"#.utf8
            case 0x0C: output += #"\f"#.utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += #"\u00"#.utf8
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
