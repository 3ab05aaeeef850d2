/// One URL of a run with the options that apply to it: curl's "transfer". A command line names
/// several URLs (`imap-fetch URL1 URL2`) and separates option sets with `-:`/`--next`; the
/// transfers run in order, each with its own output.
public struct Transfer: Equatable {
    /// Its position in the run, from 0.
    public let index: Int
    public let url: String
    /// The options for this URL, with the URL as the only positional.
    public let parsed: OptionParser.Result

    /// The options that decide how the connection is made and who logs in (everything except
    /// `requestOptions`) are the same: a session opened for `other` may serve this transfer when
    /// the URL's scheme, host, port and login match too (the tool checks those).
    public func sameConnectionOptions(as other: Transfer, requestOptions: Set<String>) -> Bool {
        func connectionOptions(_ transfer: Transfer) -> [ParsedOption] {
            transfer.parsed.options.filter { !requestOptions.contains($0.name) }
        }
        return connectionOptions(self) == connectionOptions(other)
    }
}

/// Splits a parsed command line into transfers as curl does:
/// - each `-:`/`--next` starts a fresh option set; only the `global` options of the first set
///   (`-v`, `-s`, `-S`, `--trace-ascii`) carry over to the later ones;
/// - within a set, the n-th `-o` (and each `paired` option, e.g. `-T`) goes with the n-th URL;
///   a URL without one writes to stdout. `-T` options beyond the URLs go with the last URL (a
///   tool may send several files to one URL); `-o` options beyond them are unused.
public enum TransferList {
    public static let global: Set<String> = ["verbose", "silent", "show-error", "trace-ascii"]

    /// Whether a transfer before `transfer` gave `option` the same value (its last one): a file
    /// it names was opened already in this run and is appended to, not emptied again.
    public static func repeats(_ option: String, of transfer: Transfer, in transfers: [Transfer]) -> Bool {
        func value(_ transfer: Transfer) -> String? { transfer.parsed.options.last { $0.name == option }?.value }
        guard let mine = value(transfer) else { return false }
        return transfers.prefix(transfer.index).contains { value($0) == mine }
    }

    public static func make(
        _ parsed: OptionParser.Result, paired: Set<String> = ["output", "upload-file"]
    ) throws(ToolError) -> [Transfer] {
        let carried = parsed.options.filter { global.contains($0.name) }
        var groups = [OptionParser.Result(options: parsed.options, positionals: parsed.positionals)]
        for group in parsed.nextGroups {
            groups.append(OptionParser.Result(options: carried + group.options, positionals: group.positionals))
        }
        var transfers: [Transfer] = []
        for group in groups {
            guard !group.positionals.isEmpty else { throw ToolError.usage("no URL specified") }
            let common = group.options.filter { !paired.contains($0.name) }
            var pairs = Array(repeating: [ParsedOption](), count: group.positionals.count)
            var seen: [String: Int] = [:]
            for option in group.options where paired.contains(option.name) {
                let position = seen[option.name, default: 0]
                seen[option.name] = position + 1
                if position < pairs.count {
                    pairs[position].append(option)
                } else if option.name != "output" {
                    pairs[pairs.count - 1].append(option)
                }
            }
            for (position, url) in group.positionals.enumerated() {
                let options = OptionParser.Result(options: common + pairs[position], positionals: [url])
                transfers.append(Transfer(index: transfers.count, url: url, parsed: options))
            }
        }
        return transfers
    }
}
