/// `-r`: which bytes of the file to download, as curl reads it for FTP.
//  range = first "-" [ last ] / "-" suffix-length
struct FTPByteRange: Equatable {
    enum Form: Equatable {
        case from(UInt64, through: UInt64?)
        case last(UInt64)
    }

    let form: Form

    init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let count = UInt64(parts[1]), count > 0 else { return nil }
            form = .last(count)
        } else {
            guard let first = UInt64(parts[0]) else { return nil }
            let last = parts[1].isEmpty ? nil : UInt64(parts[1])
            if !parts[1].isEmpty && (last == nil || last! < first) { return nil }
            form = .from(first, through: last)
        }
    }

    /// The offset to REST at and how many bytes to read (nil: to the end), given the file's size.
    func resolve(size: UInt64?) -> (offset: UInt64, count: UInt64?)? {
        switch form {
        case .from(let first, let last):
            // 0-18446744073709551615 is the whole file: its count would not fit in 64 bits.
            return (first, last.flatMap { $0 - first == .max ? nil : $0 - first + 1 })
        case .last(let count):
            guard let size else { return nil }
            return (size > count ? size - count : 0, nil)
        }
    }
}
