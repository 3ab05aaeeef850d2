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
        if let file = options.uploadFile {
            try upload(file)
        } else if path.isDirectory {
            try list()
        } else {
            try download()
        }
    }

    /// LIST (or NLST with `-l`) in ASCII mode, streamed to the output.
    private func list() throws {
        try session.setType(ascii: true)
        let command = try FTPCommand.list(namesOnly: options.listOnly, path: path.listTarget(options.method))
        let output = try DownloadOutput(path: options.output, resumeAppends: false, standardOutput: standardOutput)
        if let channel = try session.startTransfer(command, stage: .retrieve, mode: mode, connector: connector) {
            defer { channel.close() }
            _ = try channel.receive { try output.write($0) }
        }
        try session.finishTransfer(stage: .downloadEnd)
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
        let output = try DownloadOutput(
            path: options.output, resumeAppends: options.continueAt != nil && options.range == nil,
            standardOutput: standardOutput)
        var received: UInt64 = 0
        if let channel = try session.startTransfer(
            try .retr(target), stage: .retrieve, mode: mode, connector: connector)
        {
            defer { channel.close() }
            received = try channel.receive(limit: count) { try output.write($0) }
            channel.close()
        }
        let cutShort = count.map { received == $0 } ?? false
        try session.finishTransfer(stage: .downloadEnd, tolerant: cutShort)
        if let size, count == nil, received != size - offset {
            throw FTPError(
                .partialFile, "Received \(received) of \(size - offset) bytes: the data connection closed early")
        }
        try output.commit()
    }

    /// `-C -` is the size of the local file already there, `-C N` is N.
    private func resumeOffset(_ resume: FTPOptions.ContinueAt) throws -> UInt64 {
        switch resume {
        case .offset(let n): return n
        case .automatic:
            guard let output = options.output else { return 0 }
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
            try source.skip(offset)
            command = try FTPCommand.appe(target)
        }
        if let channel = try session.startTransfer(command, stage: .store, mode: mode, connector: connector) {
            defer { channel.close() }
            try source.forEachChunk { try channel.send($0) }
            try channel.finish()
        }
        try session.finishTransfer(stage: .uploadEnd)
    }
}
