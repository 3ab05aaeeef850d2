import CLI

#if canImport(Glibc)
    import Glibc
#endif

/// curl's `-d`/`--data-binary` arguments: text, `@FILE` or `@-`; several are joined with `&`.
enum RequestData {
    static func join(_ arguments: [(argument: String, binary: Bool)], standardInput: Int32) throws(ToolError) -> [UInt8]
    {
        var body: [UInt8] = []
        for (index, (argument, binary)) in arguments.enumerated() {
            if index > 0 { body.append(UInt8(ascii: "&")) }
            guard argument.hasPrefix("@") else {
                body += argument.utf8
                continue
            }
            let path = String(argument.dropFirst())
            var bytes = try readAll(path == "-" ? nil : path, standardInput: standardInput)
            // -d strips CR and LF from files, as curl does; --data-binary keeps every byte.
            if !binary { bytes.removeAll { $0 == 0x0D || $0 == 0x0A } }
            body += bytes
        }
        return body
    }

    private static func readAll(_ path: String?, standardInput: Int32) throws(ToolError) -> [UInt8] {
        let fd = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? standardInput
        guard fd >= 0 else {
            throw ToolError(.readError, "Failed to open \(path ?? "stdin"): \(String(cString: strerror(errno)))")
        }
        defer { if path != nil { close(fd) } }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n == 0 { return result }
            if n < 0 {
                if errno == EINTR { continue }
                throw ToolError(.readError, "Failed to read \(path ?? "stdin"): \(String(cString: strerror(errno)))")
            }
            result += buffer[0..<n]
        }
    }
}
