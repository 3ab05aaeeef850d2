import CLI
import Codec

/// sendmail's command line (as msmtp and Postfix's sendmail accept it), translated into
/// `smtp-send`'s own options, so one option parser and one send path serve both.
///
/// Long options before the sendmail options are `smtp-send`'s own and pass through untouched
/// (`--cacert FILE`, `--ssl-reqd`, `--queue DIR`, `--config FILE`, `--account NAME`); so does an
/// argument with `://` (the server's URL, also `--url URL`). Then sendmail's options:
/// - `-t` → `--read-recipients`; `-f ADDR`, `-r ADDR` → `--mail-from ADDR`; `-F NAME` →
///   `--from-name NAME`; `-v` → `--verbose`; `-q` → `--flush-queue`; msmtp's `-C FILE`, `-a NAME`
///   (and `-K FILE`) → `--config FILE`, `--account NAME`;
/// - `-bm` (deliver a message, the default), `-i`, `-oX…`, `-G`, `-m`, `-n`, `-U`, and the
///   option-with-argument `-A`, `-B`, `-h`, `-L`, `-N`, `-O`, `-R`, `-V`, `-X` are ignored, as
///   sendmail-compatible programs ignore them (dot lines are always sent dot-stuffed);
/// - any other `-b` mode (`-bs`, `-bp`, `-bd`, `-bv`…) is refused: this program submits
///   messages, it is not a mail server or a queue lister;
/// - every other argument is a recipient (`--mail-rcpt`); `--` ends the options.
/// A From header with the envelope sender is added when the message has none (`--add-from`).
public enum SendmailArguments {
    /// The program was started as `sendmail` (through a link), or with `--sendmail`.
    public static func isRequested(programName: String, arguments: [String]) -> Bool {
        let base = programName.split(separator: "/").last.map(String.init) ?? programName
        return base == "sendmail" || arguments.prefix { $0 != "--" }.contains("--sendmail")
    }

    static let ignoredFlags: Set<Character> = ["i", "G", "m", "n", "U"]
    static let ignoredWithArgument: Set<Character> = ["A", "B", "h", "L", "N", "O", "R", "V", "X", "o"]
    static let translatedWithArgument: [Character: String] = [
        "f": "--mail-from", "r": "--mail-from", "F": "--from-name", "C": "--config", "a": "--account",
        "K": "--config",
    ]

    /// Translates `arguments` (without the program name) into `smtp-send` arguments.
    /// - Parameter specs: the tool's option table, to know which passed-through long options
    ///   take an argument.
    /// - Throws: `ToolError.usage` for an unsupported mode or a missing option argument.
    public static func translate(_ arguments: [String], specs: [OptionSpec]) throws(ToolError) -> [String] {
        var result = ["--add-from"]
        var recipients: [String] = []
        var index = 0
        var optionsEnded = false
        func value(_ rest: Substring, _ letter: Character) throws(ToolError) -> String {
            if !rest.isEmpty { return String(rest) }
            index += 1
            guard index < arguments.count else { throw ToolError.usage("option -\(letter): requires parameter") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            defer { index += 1 }
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                if argument.contains(text: "://") && recipients.isEmpty {
                    result.append(argument)
                } else {
                    recipients.append(argument)
                }
            } else if argument == "--" {
                optionsEnded = true
            } else if argument.hasPrefix("--") {
                try passLongOption(argument, &index, arguments, specs: specs, into: &result)
            } else {
                var letters = Substring(argument.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    if let long = translatedWithArgument[letter] {
                        result += [long, try value(letters, letter)]
                        break
                    } else if ignoredWithArgument.contains(letter) {
                        _ = try value(letters, letter)
                        break
                    } else if letter == "b" {
                        let mode = try value(letters, letter)
                        guard mode == "m" else { throw unsupportedMode(mode) }
                        break
                    }
                    switch letter {
                    case "t": result.append("--read-recipients")
                    case "v": result.append("--verbose")
                    case "q": result.append("--flush-queue")
                    default:
                        guard ignoredFlags.contains(letter) else {
                            throw ToolError.usage("sendmail mode: option -\(letter): is unknown")
                        }
                    }
                }
            }
        }
        return result + recipients.flatMap { ["--mail-rcpt", $0] }
    }

    /// `--name [value]`: smtp-send's own option, passed on; `--url URL` gives the server.
    private static func passLongOption(
        _ argument: String, _ index: inout Int, _ arguments: [String], specs: [OptionSpec],
        into result: inout [String]
    ) throws(ToolError) {
        let name = String(argument.dropFirst(2))
        if name == "sendmail" { return }
        // --config and --account take a value even in a build whose parser does not know them
        // (it then refuses them by name, instead of a file name becoming a recipient).
        let takesArgument =
            ["url", "config", "account"].contains(name) || specs.contains { $0.long == name && $0.takesArgument }
        guard takesArgument else {
            result.append(argument)
            return
        }
        index += 1
        guard index < arguments.count else { throw ToolError.usage("option \(argument): requires parameter") }
        result += name == "url" ? [arguments[index]] : [argument, arguments[index]]
    }

    private static func unsupportedMode(_ mode: String) -> ToolError {
        ToolError.usage(
            "sendmail mode: operation mode -b\(mode) is not supported (only -bm, delivering a message from "
                + "standard input; this program is not a mail server and keeps no queue to list)")
    }
}
