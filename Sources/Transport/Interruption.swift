import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C during a mailbox pull. The handler only sets a flag (an atomic store is
/// async-signal-safe); it is installed without `SA_RESTART`, so a `poll` waiting for the server
/// returns EINTR at once, and `TCPSocket` checks the flag on every wait (and at least every
/// `checkInterval` milliseconds, should the signal land on another thread). The pull loop
/// checks it between messages, so everything before the last whole message is kept.
public enum Interruption {
    private static let flag = Atomic<Bool>(false)

    /// The longest a socket wait goes without looking at the flag.
    public static let checkInterval: Int32 = 200

    /// Whether SIGINT arrived since `install()`.
    public static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Catches SIGINT from now on (instead of dying of it).
    public static func install() {
        _ = requested  // initializes the static (swift_once) here, never inside the handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interruption.flag.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: a blocking poll returns EINTR. SA_RESETHAND: a second Ctrl-C kills at
        // once, which loses nothing either (as after kill -9, the next run completes the work).
        action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)  // 0x80000000
        sigaction(SIGINT, &action, nil)
    }

    /// Throws `TransportError(.interrupted)` once SIGINT has arrived.
    public static func check() throws(TransportError) {
        if requested { throw TransportError(.interrupted, "interrupted") }
    }
}
