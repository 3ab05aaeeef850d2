import CFuzzer

#if canImport(Glibc)
    import Glibc
#endif

/// The target's test; libFuzzer calls through a C function pointer, which cannot capture.
nonisolated(unsafe) private var testOneInput: ([UInt8]) -> Void = { _ in }
/// The slowest input so far and its time, reported at exit (scripts/fuzz prints them).
nonisolated(unsafe) private var slowest: (nanoseconds: UInt64, input: [UInt8]) = (0, [])

/// Runs libFuzzer with `body` as the test of one input (LLVMFuzzerTestOneInput), then exits
/// with libFuzzer's status. SwiftPM makes a target's main.swift the program's `main`, so
/// libFuzzer's own main is not linked and its driver is called from here instead.
///
/// At exit the slowest input's time goes to stderr (`slowest input: <ms> ms, <n> bytes`) and,
/// when FUZZ_SLOWEST_INPUT names a file, its bytes go there.
public func fuzz(_ body: @escaping ([UInt8]) -> Void) -> Never {
    testOneInput = body
    atexit { reportSlowest() }
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
}

/// libFuzzer's callback, also defined under its well-known name for the linker's sake.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let start = monotonicNanoseconds()
    testOneInput(input)
    let elapsed = monotonicNanoseconds() - start
    if elapsed > slowest.nanoseconds { slowest = (elapsed, input) }
    return 0
}

private func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

private func reportSlowest() {
    let milliseconds = Double(slowest.nanoseconds) / 1_000_000
    let line = "slowest input: \((milliseconds * 1000).rounded() / 1000) ms, \(slowest.input.count) bytes\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    guard let path = getenv("FUZZ_SLOWEST_INPUT"), let file = fopen(path, "wb") else { return }
    _ = slowest.input.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}
