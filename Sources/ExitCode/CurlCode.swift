/// curl's exit codes, the suite's user contract (curl's `docs/cmdline-opts/_EXITCODES.md`).
/// A published code never changes meaning.
public enum CurlCode: Int32, Sendable, CaseIterable {
    case ok = 0
    case unsupportedProtocol = 1
    case failedInit = 2
    case urlMalformat = 3
    case notBuiltIn = 4
    case couldntResolveHost = 6
    case couldntConnect = 7
    case weirdServerReply = 8
    case remoteAccessDenied = 9
    case ftpWeirdPasvReply = 13
    case ftpWeird227Format = 14
    case ftpCouldntSetType = 17
    case partialFile = 18
    case quoteError = 21
    case httpReturnedError = 22
    case writeError = 23
    case uploadFailed = 25
    case readError = 26
    case operationTimedOut = 28
    case ftpCouldntUseRest = 31
    case sslConnectError = 35
    case ldapCannotBind = 38
    case ldapSearchFailed = 39
    case badDownloadResume = 36
    case badFunctionArgument = 43
    case gotNothing = 52
    case tooManyRedirects = 47
    case sendError = 55
    case sendFailRewind = 65
    case recvError = 56
    case sslCertProblem = 58
    case sslCipher = 59
    case peerFailedVerification = 60
    case useSSLFailed = 64
    case loginDenied = 67
    case sslCACertBadFile = 77
    case remoteFileNotFound = 78
    case sslCRLBadFile = 82
    case sslPinnedPubKeyNotMatch = 90
    case sslInvalidCertStatus = 91
    case authError = 94
    /// Not curl's: SIGINT stopped a mailbox pull that saved what it had (128 + SIGINT, what a
    /// shell reports for a Ctrl-C; curl itself just dies of the signal).
    case interrupted = 130
}
