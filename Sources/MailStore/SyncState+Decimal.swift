extension SyncState {
    /// A number as the state file writes it: decimal digits, no sign and no leading zero (one
    /// spelling per value, so a hand-edited or damaged file is noticed), at most `max`.
    public static func decimal(_ text: String, max: UInt64) -> UInt64? {
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            text == "0" || !text.hasPrefix("0"), let value = UInt64(text), value <= max
        else { return nil }
        return value
    }
}
