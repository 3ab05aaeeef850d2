#if canImport(Glibc)
    import Glibc
#endif

/// The state file on disk (`StateFileFormat`), replaced atomically: a temporary file is written
/// and synced, renamed over the old one, and the directory synced. A crash leaves the old
/// state or the new one, never a mixture.
struct StateFile {
    let directory: FileDescriptor
    let name: String
    /// Beyond any state a caller records (a million unique ids of up to 70 characters).
    static let maxSize = 128 << 20

    var path: String { directory.path + "/" + name }
    private var temporaryName: String { name + ".tmp" }

    /// A missing file is a new destination: the empty record.
    func load() throws(MailStoreError) -> StateRecord {
        guard try directory.status(of: name) != nil else { return StateRecord() }
        let file = try FileDescriptor.open(name, in: directory, flags: O_RDONLY)
        let size = Int(try file.status().st_size)
        guard size <= Self.maxSize else {
            throw MailStoreError(.corruptState, "State file \(path) is larger than \(Self.maxSize) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        let count = try bytes.withMutableBytes { (raw) throws(MailStoreError) in try file.read(into: raw, at: 0) }
        return try StateFileFormat.decode(Array(bytes[..<count]), path: path)
    }

    /// A failed replacement, and whether the new file already took the old one's place (then
    /// the new state may or may not survive a crash, and callers must treat it as recorded).
    struct Failure: Error {
        let error: MailStoreError
        let replaced: Bool
    }

    func save(_ record: StateRecord) throws(Failure) {
        do throws(MailStoreError) {
            let file = try FileDescriptor.open(temporaryName, in: directory, flags: O_WRONLY | O_CREAT | O_TRUNC)
            let (head, tail) = StateFileFormat.frame(record)
            try file.write(head)
            try record.sync.write(inChunks: { (chunk) throws(MailStoreError) in try file.write(chunk) })
            try file.write(tail)
            try file.dataSync()
            try file.close()
            try directory.rename(temporaryName, to: directory, as: name)
        } catch {
            try? directory.remove(temporaryName)
            throw Failure(error: error, replaced: false)
        }
        do throws(MailStoreError) {
            try directory.sync()
        } catch {
            throw Failure(error: error, replaced: true)
        }
    }
}
