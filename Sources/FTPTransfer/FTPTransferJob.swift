import CLI
import FTP

#if canImport(Glibc)
    import Glibc
#endif

/// What one run transfers, after login: a listing, a download or an upload, with curl's
/// `--ftp-method`, `-C`, `-r` and `--ftp-create-dirs`.
struct FTPTransferJob {
    let session: FTPSession
    let path: FTPPath
    let options: FTPOptions
    let connector: FTPDataConnector
    let standardOutput: ByteSink
    /// What `-T -` reads (the context's standard input).
    let standardInput: Int32

    private var mode: FTPPassiveMode { FTPPassiveMode(tryEPSV: !options.disableEPSV) }

    func run() throws {
        let uploading = options.uploadFile != nil
        try session.changeDirectories(path.changes(options.method), create: uploading && options.createDirectories)
        for command in options.quoteBeforeTransfer { try session.quote(command) }
        if let file = options.uploadFile {
            try upload(file)
        } else if path.isDirectory {
            try list()
        } else {
            try download()
        }
        for command in options.quoteAfterTransfer { try session.quote(command) }
    }

    /// LIST (or NLST with `-l`) in ASCII mode, streamed to the output.
    private func list() throws {
        try session.setType(ascii: true)
        let command = try FTPCommand.list(namesOnly: options.listOnly, path: path.listTarget(options.method))
        let output = try DownloadOutput(path: options.output, resumeAppends: false, standardOutput: standardOutput)
        // nil: the server answered with its final reply at once; there is no second one to read.
        if let channel = try session.startTransfer(command, stage: .retrieve, mode: mode, connector: connector) {
            defer { channel.close() }
            _ = try channel.receive { try output.write($0) }
            channel.close()
            try session.finishTransfer(stage: .downloadEnd)
        }
        try output.commit()
    }

    /// RETR in binary mode: SIZE when offered, REST for `-C`/`-r`, then the bytes, checked
    /// against the size before the output is renamed into place.
    private func download() throws {
        try session.setType(ascii: false)
        let target = path.target(options.method)
        let size = try session.size(of: target)
        var offset: UInt64 = 0
        var count: UInt64?
        if let range = options.range {
            guard let resolved = range.resolve(size: size) else {
                throw FTPError(.badResume, "--range -N needs the file's size, and the server did not tell it (SIZE)")
            }
            (offset, count) = resolved
        } else if let resume = options.continueAt {
            offset = try resumeOffset(resume)
        }
        if let size, offset > size {
            throw FTPError(.badResume, "Offset (\(offset)) was beyond the end of the file (\(size))")
        }
        if let size, offset == size, size > 0, options.range == nil {
            return  // already complete, as curl reports it
        }
        if offset > 0 { try session.restart(at: offset) }
        // What must arrive when SIZE told: the rest of the file, or the range when it is shorter.
        let expected = size.map { min($0 - offset, count ?? .max) }
        let output = try DownloadOutput(
            path: options.output, resumeAppends: options.continueAt != nil && options.range == nil,
            standardOutput: standardOutput)
        var received: UInt64 = 0
        // nil: the server answered with its final reply at once; there is no second one to read.
        if let channel = try session.startTransfer(
            try .retr(target), stage: .retrieve, mode: mode, connector: connector)
        {
            defer { channel.close() }
            received = try receive(from: channel, count: count, expected: expected, output: output)
        }
        if let expected, received != expected {
            throw FTPError(
                .partialFile, "Received \(received) of \(expected) bytes: the data connection closed early")
        }
        try output.commit()
    }

    /// Reads the file's bytes, at most `expected` (SIZE) or `count` (a range), then the final
    /// reply. Past `expected` the transfer fails at once rather than filling the disk.
    private func receive(
        from channel: FTPDataChannel, count: UInt64?, expected: UInt64?, output: DownloadOutput
    ) throws -> UInt64 {
        let received = try channel.receive(limit: expected ?? count) { try output.write($0) }
        let cutOnPurpose = count.map { received == $0 } ?? false
        if !cutOnPurpose, let expected, received == expected, try !channel.endsHere() {
            throw FTPError(.partialFile, "The server sent more than the \(expected) bytes SIZE announced; abandoned")
        }
        channel.close()
        try session.finishTransfer(stage: .downloadEnd, tolerant: cutOnPurpose)
        return received
    }

    /// `-C -` is the size of the local file already there, `-C N` is N.
    private func resumeOffset(_ resume: FTPOptions.ContinueAt) throws -> UInt64 {
        switch resume {
        case .offset(let n): return n
        case .automatic:
            guard let output = options.output, output != "-" else { return 0 }
            var info = stat()
            return stat(output, &info) == 0 ? UInt64(info.st_size) : 0
        }
    }

    /// STOR (or APPE after `-C`, skipping what the server has), then the file's bytes.
    private func upload(_ file: String) throws {
        let source = try UploadFile(path: file, standardInput: standardInput)
        try session.setType(ascii: false)
        let target = path.target(options.method)
        var command = try FTPCommand.stor(target)
        if let resume = options.continueAt {
            let offset: UInt64
            switch resume {
            case .offset(let n): offset = n
            case .automatic: offset = try session.size(of: target) ?? 0
            }
            // SIZE is the server's number: one past any file position is refused, not trapped on.
            guard let position = off_t(exactly: offset) else {
                throw FTPError(.badResume, "Offset (\(offset)) is beyond the end of any file; not resumed")
            }
            try source.skip(position)
            command = try FTPCommand.appe(target)
        }
        // A store always has a channel: startTransfer refuses a final reply before the data.
        if let channel = try session.startTransfer(command, stage: .store, mode: mode, connector: connector) {
            defer { channel.close() }
            try source.forEachChunk { try channel.send($0) }
            try channel.finish()
            try session.finishTransfer(stage: .uploadEnd)
        }
    }
}
