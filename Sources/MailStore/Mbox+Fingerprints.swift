extension Mbox {
    /// Reads the mbox through the locked descriptor (opening another would drop the fcntl
    /// lock when closed).
    public func fingerprints() throws(MailStoreError) -> Set<MessageFingerprint> {
        var found: Set<MessageFingerprint> = []
        var reader = FileLineReader(file: file, length: length, bufferSize: 16 * 1024)
        var header: HeaderFieldCollector?
        while let line = try reader.next() {
            if line.starts(with: MboxFromQuoter.from) {
                if let header, let fingerprint = MessageFingerprint(header) { found.insert(fingerprint) }
                header = HeaderFieldCollector()
            } else if header != nil, !header!.add(line) {
                if let fingerprint = MessageFingerprint(header!) { found.insert(fingerprint) }
                header = nil
            }
        }
        if let header, let fingerprint = MessageFingerprint(header) { found.insert(fingerprint) }
        return found
    }
}
