/// Server bytes quoted in an error message, with anything but printable ASCII shown as `?`:
/// messages reach a terminal, and the peer is hostile. (`-v` traces keep UTF-8 and escape
/// controls instead: `ControlCharacterEscaping`.)
public func printable(_ bytes: some Sequence<UInt8>) -> String {
    String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
}

/// `printable` cut to `limit` bytes, with `...` when cut.
public func printable(_ bytes: some Collection<UInt8>, limit: Int) -> String {
    bytes.count <= limit ? printable(bytes) : printable(bytes.prefix(limit)) + "..."
}

/// `printable` for text (an argument or a reply quoted in a message), cut to `limit` bytes.
public func printable(_ text: String, limit: Int) -> String {
    printable(Array(text.utf8), limit: limit)
}
