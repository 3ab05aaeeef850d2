/// `"30 0c 02"` → bytes; spaces are ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.replacingOccurrences(of: " ", with: "").utf8)
    return stride(from: 0, to: digits.count, by: 2).map { i in
        UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16)!
    }
}
