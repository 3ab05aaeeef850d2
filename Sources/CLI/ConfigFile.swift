/// A config file (`--config`/`-K FILE`, else `$XDG_CONFIG_HOME/mailtls/config`): curl's option
/// lines, grouped by `account NAME` headers as msmtp groups them. Lines before the first header
/// are defaults for every account. Pure and bounded: the file's bytes in, its settings out.
/// Every key is checked against the options of all the tools, so a typo is an error with its
/// line number even in an account this run does not use.
public struct ConfigFile: Equatable, Sendable {
    /// One option line: the key as `ConfigLine` gives it, and where it was.
    public struct Setting: Equatable, Sendable {
        public var key: String
        public var value: String?
        public var line: Int
    }

    public struct Account: Equatable, Sendable {
        public var name: String
        public var line: Int
        /// Its parents' settings first (in the order named), then its own.
        public var settings: [Setting]
    }

    /// The most a line may hold, in bytes (its line end not counted).
    public static let maxLineBytes = 8192
    public static let maxLines = 10_000
    /// The most settings one account may hold once its parents' are copied in (parents named
    /// twice over many levels would otherwise grow it exponentially).
    public static let maxSettings = 10_000
    /// The most settings all the accounts may hold together, parents' copies counted (many
    /// accounts each inheriting a large one would otherwise fill memory).
    public static let maxTotalSettings = 100_000

    /// The file's name, as messages show it.
    public let name: String
    public private(set) var defaults: [Setting] = []
    public private(set) var accounts: [Account] = []
    /// From `default NAME`, with its line.
    public private(set) var defaultAccount: Setting?
    /// Some line holds a password (`user NAME:PASSWORD`, `pass`, `tlspassword`, ...): the file
    /// must not be readable by others.
    public private(set) var holdsSecrets = false
    /// Settings held so far, parents' copies counted (`maxTotalSettings`).
    private var totalSettings = 0

    public init(parsing bytes: [UInt8], name: String) throws(ToolError) {
        self.name = name
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            guard lineNumber <= Self.maxLines else { throw failure(lineNumber, "more than \(Self.maxLines) lines") }
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            guard line.count <= Self.maxLineBytes else {
                throw failure(lineNumber, "line longer than \(Self.maxLineBytes) bytes")
            }
            try take(line, at: lineNumber)
            start = end + 1
        }
    }

    /// The account named `name`, if the file defines it.
    public func account(_ name: String) -> Account? { accounts.first { $0.name == name } }

    /// A `ToolError` (exit 2) naming the file and line.
    func failure(_ line: Int, _ message: String) -> ToolError { ToolError.usage("\(name):\(line): \(message)") }

    private mutating func take(_ bytes: ArraySlice<UInt8>, at line: Int) throws(ToolError) {
        guard !bytes.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
            throw failure(line, "control character in the line")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw failure(line, "not valid UTF-8") }
        let parsed: ConfigLine
        do { parsed = try ConfigLine.parse(text[...]) } catch { throw failure(line, error.message) }
        switch parsed {
        case .blank: break
        case .defaultAccount(let name): defaultAccount = Setting(key: "default", value: name, line: line)
        case .account(let name, let parents): try addAccount(name, parents: parents, line: line)
        case .setting(let key, let value):
            if let problem = Self.check(key) { throw failure(line, problem) }
            if SecretArguments.holdsSecret(key: key, value: value) { holdsSecrets = true }
            let setting = Setting(key: key, value: value, line: line)
            if accounts.isEmpty {
                defaults.append(setting)
            } else {
                accounts[accounts.count - 1].settings.append(setting)
            }
            totalSettings += 1
            try checkLimits(count: accounts.last?.settings.count ?? defaults.count, line: line)
        }
    }

    private mutating func addAccount(_ name: String, parents: [String], line: Int) throws(ToolError) {
        if let earlier = account(name) {
            throw failure(line, "account \(name) is already defined on line \(earlier.line)")
        }
        var settings: [Setting] = []
        var seen: Set<String> = []
        for parent in parents where seen.insert(parent).inserted {
            guard let inherited = account(parent) else {
                throw failure(line, "account \(name): parent account \(parent) is not defined above")
            }
            settings += inherited.settings
            totalSettings += inherited.settings.count
            try checkLimits(count: settings.count, line: line)
        }
        accounts.append(Account(name: name, line: line, settings: settings))
    }

    private func checkLimits(count: Int, line: Int) throws(ToolError) {
        guard count <= Self.maxSettings else {
            throw failure(line, "more than \(Self.maxSettings) settings in one account")
        }
        guard totalSettings <= Self.maxTotalSettings else {
            throw failure(line, "more than \(Self.maxTotalSettings) settings in all accounts, inherited ones counted")
        }
    }

    /// Why `key` cannot be in a config file, or nil when some tool knows it. A short option
    /// ("-u") is checked against the running tool's options only.
    static func check(_ key: String) -> String? {
        if key.hasPrefix("-") { return nil }
        if key == "config" { return "'config' cannot be used inside a config file" }
        if ConfigKeys.all.contains(key) { return nil }
        if key.hasPrefix("no-"), ConfigKeys.all.contains(String(key.dropFirst(3))) { return nil }
        if key == "password" {
            return "'password' is not an option: use 'user NAME:PASSWORD' or 'passwordeval COMMAND'"
        }
        return "unknown option '\(key)'"
    }
}
