/// Substring search and replacement, Character by Character, with the standard library alone.
/// The collection algorithms that do this (`contains(_:)`, `firstRange(of:)`, `replacing(_:with:)`
/// on strings) live in `_StringProcessing`, which every target leaves out (Package.swift): that
/// module and `_RegexParser` cost each executable about 1 MiB (bench/README.md). The names differ
/// from those so that code importing both stays unambiguous.
extension StringProtocol {
    /// The first occurrence of `text`; an empty `text` is found at the start.
    public func firstRange(ofText text: some StringProtocol) -> Range<Index>? {
        guard let first = text.first else { return startIndex..<startIndex }
        var start = startIndex
        while let candidate = self[start...].firstIndex(of: first) {
            var cursor = candidate
            var matched = true
            for character in text {
                guard cursor != endIndex, self[cursor] == character else {
                    matched = false
                    break
                }
                formIndex(after: &cursor)
            }
            if matched { return candidate..<cursor }
            start = index(after: candidate)
        }
        return nil
    }

    /// Whether `text` occurs; never for an empty `text` (as the standard `contains` answers).
    public func contains(text: some StringProtocol) -> Bool {
        !text.isEmpty && firstRange(ofText: text) != nil
    }

    /// Every occurrence of `target`, left to right and not overlapping, replaced by `replacement`.
    public func replacingText(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        guard !target.isEmpty else { return String(self) }
        var result = ""
        var rest = self[...]
        while let found = rest.firstRange(ofText: target) {
            result += rest[..<found.lowerBound]
            result += replacement
            rest = rest[found.upperBound...]
        }
        result += rest
        return result
    }
}
