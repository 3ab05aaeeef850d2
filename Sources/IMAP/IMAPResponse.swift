import Codec

/// One server response (RFC 3501 section 7), as parsed from an `IMAPResponseFrame`.
//  response        = *(continue-req / response-data) response-done
//  (each continue-req, response-data and response-done is one IMAPResponse here)
public enum IMAPResponse: Equatable, Sendable {
    /// `A001 OK ...`: the completion of the command tagged `A001`.
    case tagged(IMAPTaggedResponse)
    /// `* ...`: data or status not tied to a tag.
    case untagged(IMAPUntaggedResponse)
    /// `+ ...`: the server waits for the rest of a command (a literal, an AUTHENTICATE step).
    case continuation(IMAPContinuationRequest)
}

/// The status words of RFC 3501 section 7.1.
public enum IMAPResponseStatus: String, Equatable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    case preauth = "PREAUTH"
    case bye = "BYE"
}

/// A command's completion.
//  response-tagged = tag SP resp-cond-state CRLF
//  resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
public struct IMAPTaggedResponse: Equatable, Sendable {
    public var tag: String
    /// `.ok`, `.no` or `.bad`.
    public var status: IMAPResponseStatus
    public var text: IMAPResponseText

    public init(tag: String, status: IMAPResponseStatus, text: IMAPResponseText) {
        self.tag = tag
        self.status = status
        self.text = text
    }

    /// The status and text on one line for error messages, printable ASCII only, cut after
    /// 1,000 characters: `NO [TRYCREATE] Mailbox doesn't exist`.
    public var summary: String {
        var out = status.rawValue
        let text = text.description
        if !text.isEmpty { out += " " + text }
        return printable(Array(out.utf8), limit: 1000)
    }
}

/// A continuation request. Its text is resp-text or, during AUTHENTICATE, a base64 challenge:
/// which one depends on the command in flight, so it is kept as sent.
//  continue-req    = "+" SP (resp-text / base64) CRLF
//  Tolerated: "+" alone (servers that drop the SP before an empty challenge).
public struct IMAPContinuationRequest: Equatable, Sendable {
    /// The bytes after `+ `.
    public var text: [UInt8]

    public init(text: [UInt8]) { self.text = text }
}
