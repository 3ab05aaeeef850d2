import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Maildir unique names, in the form cr.yp.to/proto/maildir.html recommends for modern
/// deliveries: `<seconds>.M<microseconds>P<pid>Q<count>.<host>`.
///
/// `Q` counts this process's deliveries, so two names made in the same microsecond still
/// differ; it is the one piece of process-wide state here, because the specification asks
/// for uniqueness per process, not per store object. Files are also created with O_EXCL, so a
/// clash (a shared Maildir on hosts with the same name) fails instead of overwriting.
enum MaildirUniqueName {
    private static let deliveries = Atomic<UInt64>(0)
    /// Asked once: glibc no longer caches it, so `getpid()` per name was a system call per message.
    private static let processID = UInt64(max(0, getpid()))

    static func make(host: String) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let count = deliveries.wrappingAdd(1, ordering: .relaxed).oldValue
        // Written as bytes into one buffer, made a string once: no string per part.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96 + host.utf8.count) { buffer in
            var length = 0
            func byte(_ value: UInt8) {
                buffer[length] = value
                length += 1
            }
            func number(_ value: UInt64) {
                var divisor: UInt64 = 1
                while divisor <= value / 10 { divisor *= 10 }
                while divisor > 0 {
                    byte(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            number(UInt64(max(0, now.tv_sec)))
            byte(UInt8(ascii: "."))
            byte(UInt8(ascii: "M"))
            number(UInt64(max(0, now.tv_nsec / 1000)))
            byte(UInt8(ascii: "P"))
            number(processID)
            byte(UInt8(ascii: "Q"))
            number(count)
            byte(UInt8(ascii: "."))
            for value in host.utf8 { byte(value) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self)
        }
    }

    /// This machine's name, encoded for a file name.
    static func localHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : encodeHost(name)
    }

    /// `/` would make a path and `:` starts the info, so the specification has them written
    /// as the octal escapes `\057` and `\072`.
    static func encodeHost(_ name: String) -> String {
        var encoded = ""
        for character in name {
            switch character {
            case "/": encoded += "\\057"
            case ":": encoded += "\\072"
            default: encoded.append(character)
            }
        }
        return encoded
    }

    /// The process id and host of a name in the `M…P…` form (ours, Dovecot's and most
    /// modern deliverers'), or nil for any other form.
    static func origin(of name: String) -> (pid: pid_t, host: String)? {
        let bytes = Array(name.utf8)
        var i = 0
        func digits() -> Int? {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i > start && i - start <= 18 ? Int(String(decoding: bytes[start..<i], as: UTF8.self)) : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
        guard digits() != nil, expect(UInt8(ascii: ".")), expect(UInt8(ascii: "M")), digits() != nil,
            expect(UInt8(ascii: "P")), let pid = digits(), pid <= Int(Int32.max)
        else { return nil }
        if expect(UInt8(ascii: "Q")) { guard digits() != nil else { return nil } }
        guard expect(UInt8(ascii: ".")), i < bytes.count else { return nil }
        var host = String(decoding: bytes[i...], as: UTF8.self)
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        return (pid_t(pid), host)
    }
}
