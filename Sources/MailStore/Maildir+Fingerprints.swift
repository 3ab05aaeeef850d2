#if canImport(Glibc)
    import Glibc
#endif

extension Maildir {
    /// Reads the header of every message in `new/` and `cur/`, line by line in bounded memory.
    public func fingerprints() throws(MailStoreError) -> Set<MessageFingerprint> {
        var found: Set<MessageFingerprint> = []
        for directory in [new, cur] {
            for name in try directory.entries() where !name.hasPrefix(".") {
                guard let file = try? FileDescriptor.open(name, in: directory, flags: O_RDONLY) else { continue }
                let info = try file.status()
                guard info.isRegularFile else { continue }
                var reader = FileLineReader(file: file, length: Int64(info.st_size), bufferSize: 16 * 1024)
                var collector = HeaderFieldCollector()
                while let line = try reader.next(), collector.add(line) {}
                if let fingerprint = MessageFingerprint(collector) { found.insert(fingerprint) }
            }
        }
        return found
    }
}
