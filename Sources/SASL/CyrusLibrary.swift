internal import CSASL
internal import CSASLShim

/// Process-wide Cyrus state. `sasl_client_init` is global and not thread-safe, so it runs once,
/// lazily, through a `static let` (Swift runs that initialiser exactly once); every later SASL
/// call must stay on one thread, which the sequential tools guarantee.
enum CyrusLibrary {
    /// The result of `sasl_client_init`, with callbacks that keep Cyrus out of syslog.
    private static let initialization: Int32 = {
        initialized = true
        return sasl_client_init(mailtls_sasl_global_callbacks().assumingMemoryBound(to: sasl_callback_t.self))
    }()

    nonisolated(unsafe) private static var initialized = false

    /// The plugin file stem of each mechanism Cyrus provides through a plugin (EXTERNAL is built
    /// into libsasl2 itself).
    static let pluginStems: [SASLMechanism: String] = [
        .plain: "plain", .login: "login", .cramMD5: "crammd5", .digestMD5: "digestmd5",
        .scramSHA1: "scram", .scramSHA256: "scram", .scramSHA1Plus: "scram", .scramSHA256Plus: "scram",
    ]

    /// Before Cyrus starts: load only the plugins of these mechanisms (one run authenticates
    /// once, with a mechanism from the server's list). Without a call, or once Cyrus has
    /// started, every installed plugin is loaded.
    static func restrictPlugins(to candidates: Set<SASLMechanism>) {
        guard !initialized else { return }
        let stems = Set(candidates.compactMap { pluginStems[$0] }).sorted()
        // A mechanism we cannot map might live in any plugin: then load them all.
        guard candidates.allSatisfy({ pluginStems[$0] != nil || $0 == .external || $0.isBuiltIn }), !stems.isEmpty
        else { return }
        mailtls_sasl_restrict_plugins(stems.joined(separator: ","))
    }

    static func initialize() throws(SASLError) {
        let status = initialization
        guard status == SASL_OK else {
            throw SASLError(.engine, "Cyrus SASL could not start: \(message(status))")
        }
    }

    /// The client mechanisms the installed plugins provide; empty when Cyrus cannot start.
    /// Cyrus lists SCRAM without its -PLUS variants, which the same plugin runs when given
    /// channel-binding data.
    static let mechanisms: Set<SASLMechanism> = {
        guard (try? initialize()) != nil, var names = sasl_global_listmech() else { return [] }
        var found = Set<SASLMechanism>()
        while let name = names.pointee {
            let text = String(cString: name)
            if let mechanism = SASLMechanism(text) { found.insert(mechanism) }
            if text.hasPrefix("SCRAM-"), let plus = SASLMechanism(text + "-PLUS") { found.insert(plus) }
            names += 1
        }
        return found
    }()

    /// Cyrus's own words for a status code.
    static func message(_ status: Int32) -> String {
        guard let text = sasl_errstring(status, nil, nil) else { return "SASL error \(status)" }
        return String(cString: text)
    }
}
