#if canImport(Glibc)
    import Glibc
#endif

/// A NUL-terminated copy of an answer Cyrus asks for in the interact loop (authorization name,
/// authentication name, password). Cyrus keeps the pointer rather than a copy of the simple
/// answers, so the copy lives as long as the connection; it is zeroed before it is freed,
/// because it may be the password.
final class CyrusAnswer {
    let pointer: UnsafeMutablePointer<CChar>
    /// Length without the terminating NUL.
    let count: Int

    init(_ text: String) {
        count = text.utf8.count
        pointer = .allocate(capacity: count + 1)
        pointer.initialize(repeating: 0, count: count + 1)
        for (index, byte) in text.utf8.enumerated() { pointer[index] = CChar(bitPattern: byte) }
    }

    deinit {
        explicit_bzero(pointer, count + 1)
        pointer.deallocate()
    }
}
