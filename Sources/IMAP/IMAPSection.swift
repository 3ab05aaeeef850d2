import Codec

/// A body section specifier: which part of a message a FETCH names (RFC 3501 section 6.4.5).
/// The empty section is the whole message (`BODY[]`). Used for requests (`;SECTION=` of the
/// URL) and to match the sections of responses.
//  section         = "[" [section-spec] "]"
//  section-spec    = section-msgtext / (section-part ["." section-text])
//  section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
//  section-part    = nz-number *("." nz-number)
//  section-text    = section-msgtext / "MIME"
//  header-list     = "(" header-fld-name *(SP header-fld-name) ")"
//  header-fld-name = astring
public struct IMAPSection: Hashable, Sendable, CustomStringConvertible {
    public enum Text: Hashable, Sendable {
        case header
        /// Field names in upper case (they are compared without regard to case).
        case headerFields([String])
        case headerFieldsNot([String])
        case text
        /// Only after a part number.
        case mime
    }

    /// `1.2` is [1, 2]; empty for the message itself.
    public var part: [UInt32]
    public var text: Text?

    public init(part: [UInt32] = [], text: Text? = nil) {
        self.part = part
        self.text = text
    }

    /// Parses a section-spec (without brackets), e.g. the `;SECTION=` value of a URL.
    /// - Throws: `IMAPError(.malformedResponse)` when it is not a section-spec.
    public init(parsing text: String) throws(IMAPError) {
        var parser = IMAPParser(frame: IMAPResponseFrame(lines: [Array(text.utf8)]), limits: .default, isComplete: true)
        do {
            self = try parser.parseSectionSpec(closing: nil)
            try parser.expectEnd()
        } catch {
            throw IMAPError.malformed("Invalid body section \"\(printable(Array(text.utf8), limit: 200))\"")
        }
    }

    /// As written between the brackets: `1.2.HEADER.FIELDS (SUBJECT FROM)`.
    public var description: String {
        var items = part.map(String.init)
        switch text {
        case nil: break
        case .header: items.append("HEADER")
        case .headerFields(let names):
            items.append("HEADER.FIELDS (" + names.map(IMAPSection.astring).joined(separator: " ") + ")")
        case .headerFieldsNot(let names):
            items.append("HEADER.FIELDS.NOT (" + names.map(IMAPSection.astring).joined(separator: " ") + ")")
        case .text: items.append("TEXT")
        case .mime: items.append("MIME")
        }
        return items.joined(separator: ".")
    }

    /// A field name as an atom, or quoted when it has to be (field names are printable ASCII
    /// without ":" per RFC 5322, so a quoted string always fits).
    private static func astring(_ name: String) -> String {
        let bytes = Array(name.utf8)
        if !bytes.isEmpty && bytes.allSatisfy(\.isAStringChar) { return name }
        return "\"" + name.replacingText("\\", with: "\\\\").replacingText("\"", with: "\\\"") + "\""
    }
}
