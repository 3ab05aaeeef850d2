import Codec

/// One command on the control connection (RFC 959 5.3.1): a verb, and an argument that cannot
/// end the command early (no CR, LF or NUL, which would smuggle a second command in).
//  command = verb [ SP argument ] CRLF
public struct FTPCommand: Equatable, Sendable {
    public let verb: String
    public let argument: String?
    /// PASS's argument is a secret: the trace shows it redacted.
    public let isSecret: Bool

    public init(_ verb: String, _ argument: String? = nil, isSecret: Bool = false) throws(FTPError) {
        guard !verb.isEmpty, !verb.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else {
            throw FTPError(.unsendableArgument, "not an FTP command: \(printable(verb, limit: 40)); nothing was sent")
        }
        if let argument, argument.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) {
            throw FTPError(.unsendableArgument, "\(verb): the argument holds CR, LF or NUL; nothing was sent")
        }
        self.verb = verb
        self.argument = argument
        self.isSecret = isSecret
    }

    /// The line as sent, without CRLF.
    public var line: String { argument.map { "\(verb) \($0)" } ?? verb }

    /// The line as `-v` shows it.
    public var display: String { isSecret ? "\(verb) <redacted>" : line }

    public static func user(_ name: String) throws(FTPError) -> FTPCommand { try FTPCommand("USER", name) }
    public static func pass(_ secret: String) throws(FTPError) -> FTPCommand {
        try FTPCommand("PASS", secret, isSecret: true)
    }
    public static func cwd(_ directory: String) throws(FTPError) -> FTPCommand { try FTPCommand("CWD", directory) }
    public static func mkd(_ directory: String) throws(FTPError) -> FTPCommand { try FTPCommand("MKD", directory) }
    public static func size(_ path: String) throws(FTPError) -> FTPCommand { try FTPCommand("SIZE", path) }
    public static func retr(_ path: String) throws(FTPError) -> FTPCommand { try FTPCommand("RETR", path) }
    public static func stor(_ path: String) throws(FTPError) -> FTPCommand { try FTPCommand("STOR", path) }
    public static func appe(_ path: String) throws(FTPError) -> FTPCommand { try FTPCommand("APPE", path) }
    public static func rest(_ offset: UInt64) -> FTPCommand { FTPCommand(verb: "REST", argument: String(offset)) }
    /// LIST or NLST, of the current directory or of `path` (`--ftp-method nocwd`).
    public static func list(namesOnly: Bool, path: String?) throws(FTPError) -> FTPCommand {
        try FTPCommand(namesOnly ? "NLST" : "LIST", path)
    }
    public static let feat = FTPCommand(verb: "FEAT", argument: nil)
    public static let authTLS = FTPCommand(verb: "AUTH", argument: "TLS")
    public static let pbsz0 = FTPCommand(verb: "PBSZ", argument: "0")
    public static let protP = FTPCommand(verb: "PROT", argument: "P")
    public static let ccc = FTPCommand(verb: "CCC", argument: nil)
    public static let epsv = FTPCommand(verb: "EPSV", argument: nil)
    public static let pasv = FTPCommand(verb: "PASV", argument: nil)
    public static let typeImage = FTPCommand(verb: "TYPE", argument: "I")
    public static let typeASCII = FTPCommand(verb: "TYPE", argument: "A")
    public static let quit = FTPCommand(verb: "QUIT", argument: nil)

    /// For the fixed commands above, whose arguments are known to be safe.
    private init(verb: String, argument: String?) {
        self.verb = verb
        self.argument = argument
        self.isSecret = false
    }
}
