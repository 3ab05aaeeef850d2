/// `withUnsafeBytes` with a typed-throwing body: the standard library's versions rethrow
/// `any Error`, which would erase `MailStoreError` at every call.
extension Array where Element == UInt8 {
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(MailStoreError) -> R) throws(MailStoreError) -> R {
        try withUnsafeBytes { raw in Result { () throws(MailStoreError) in try body(raw) } }.get()
    }

    mutating func withMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws(MailStoreError) -> R
    ) throws(MailStoreError) -> R {
        try withUnsafeMutableBytes { raw in Result { () throws(MailStoreError) in try body(raw) } }.get()
    }
}
