import Foundation

/// The commands of README.md's ```` ```sh ```` blocks, with what each is expected to do, read by
/// the convention stated at the top of README's examples (and in docs/README-EXAMPLES.md):
///
/// - Every command of a ```` ```sh ```` block is run with bash (other blocks are not).
///   A command is a line, continued by a final `\`, `|`, `&&` or `||`, or by a here-document
///   (`<<EOF` ... `EOF`) whose lines are taken as they are.
/// - A trailing comment that starts with a number (`# 60`, `# 35: TLS 1.2 only`) is the exit
///   status expected; without one, 0.
/// - Comment lines of the form `#   text` (hash, three spaces) right after a command are output
///   it must print (stdout or stderr): each is a whole line of it, `...` standing for any text.
/// - `NAME=value` lines are assignments, kept for the commands after them.
/// - A `# not run: REASON` line marks the commands after it, up to the next blank line, as not
///   run (something the test machine cannot do: real domains, a password on a terminal).
struct ReadmeExample {
    var line: Int
    var command: String
    var expectedStatus: Int32 = 0
    var expectedOutput: [String] = []
    var notRunReason: String?
    var isAssignment = false
}

enum ReadmeExamples {
    static func parse(_ text: String) -> [ReadmeExample] {
        var examples: [ReadmeExample] = []
        var inBlock = false
        var notRun: String?
        var pending: ReadmeExample?
        var hintsOpen = false
        var heredocEnd: String?
        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            if let end = heredocEnd, var command = pending {
                command.command += "\n" + rawLine
                pending = command
                if rawLine.trimmingCharacters(in: .whitespaces) == end {
                    heredocEnd = nil
                    examples.append(command)
                    pending = nil
                }
                continue
            }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if !inBlock {
                inBlock = line == "```sh"
                notRun = nil
                continue
            }
            if var command = pending {
                command.command += "\n" + rawLine
                absorb(rawLine, into: &command)
                if continues(rawLine) {
                    pending = command
                } else {
                    examples.append(command)
                    pending = nil
                }
                continue
            }
            if line == "```" {
                inBlock = false
            } else if line.isEmpty {
                notRun = nil
                hintsOpen = false
            } else if line.hasPrefix("#") {
                if line.hasPrefix("# not run:") {
                    notRun = String(line.dropFirst("# not run:".count)).trimmingCharacters(in: .whitespaces)
                    hintsOpen = false
                } else if hintsOpen && rawLine.hasPrefix("#   ") {
                    examples[examples.count - 1].expectedOutput.append(String(rawLine.dropFirst(4)))
                } else {
                    hintsOpen = false
                }
            } else {
                var command = ReadmeExample(line: index + 1, command: rawLine, notRunReason: notRun)
                absorb(rawLine, into: &command)
                command.isAssignment = isAssignment(rawLine)
                hintsOpen = true
                heredocEnd = hereDocumentEnd(rawLine)
                if continues(rawLine) || heredocEnd != nil { pending = command } else { examples.append(command) }
            }
        }
        return examples
    }

    /// Takes the expected status from the line's trailing comment, if it gives one.
    private static func absorb(_ line: String, into example: inout ReadmeExample) {
        guard let comment = trailingComment(line) else { return }
        let words = comment.dropFirst().drop { $0 == " " }
        let digits = words.prefix { $0.isNumber }
        let after = words.dropFirst(digits.count).first
        if !digits.isEmpty, digits.count <= 3, after == nil || [":", ";", ",", " "].contains(after!) {
            example.expectedStatus = Int32(digits)!
        }
    }

    /// The `# ...` comment ending a command line: a `#` after white space, outside quotes.
    static func trailingComment(_ line: String) -> Substring? {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                return line[index...]
            }
            previous = character
        }
        return nil
    }

    private static func continues(_ line: String) -> Bool {
        var code = Substring(line)
        if let comment = trailingComment(line) { code = line[..<comment.startIndex] }
        let end = code.trimmingCharacters(in: .whitespaces)
        return end.hasSuffix("\\") || end.hasSuffix("|") || end.hasSuffix("&&")
    }

    /// The word ending a here-document the line starts (`<<EOF`, `<<'EOF'`, `<<-EOF`), if any.
    static func hereDocumentEnd(_ line: String) -> String? {
        guard let range = line.range(of: #"<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?"#, options: .regularExpression)
        else { return nil }
        return String(line[range]).trimmingCharacters(in: CharacterSet(charactersIn: "<-'\" "))
    }

    private static func isAssignment(_ line: String) -> Bool {
        line.range(of: #"^[A-Za-z_][A-Za-z0-9_]*=(\S|$)"#, options: .regularExpression) != nil
            && !line.contains(" && ") && !line.contains(" ; ")
    }

    /// Whether `output` has a line matching `hint` (`...` matches any text; surrounding blanks
    /// ignored).
    static func output(_ output: String, matches hint: String) -> Bool {
        let parts = hint.trimmingCharacters(in: .whitespaces).components(separatedBy: "...")
        let pattern = "^" + parts.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: ".*") + "$"
        return output.split(separator: "\n").contains {
            $0.trimmingCharacters(in: .whitespaces).range(of: pattern, options: .regularExpression) != nil
        }
    }
}
