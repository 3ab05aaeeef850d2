/// A message from the server (RFC 4511 section 4.1.1): its ID, the response, its controls.
public struct LDAPMessage: Equatable, Sendable {
    /// The responses this client understands; any other protocolOp is malformed here.
    public enum Response: Equatable, Sendable {
        /// BindResponse, with the server's SASL credentials when it sent some.
        case bind(LDAPResult, serverSASLCredentials: [UInt8]?)
        case searchResultEntry(SearchResultEntry)
        /// SearchResultReference: continuation references (section 4.5.3), never followed.
        case searchResultReference([String])
        case searchResultDone(LDAPResult)
        case extended(LDAPResult, responseName: String?, responseValue: [UInt8]?)
    }

    public var messageID: Int64
    public var response: Response
    public var controls: [LDAPControl]

    public init(messageID: Int64, response: Response, controls: [LDAPControl] = []) {
        self.messageID = messageID
        self.response = response
        self.controls = controls
    }

    /// Decodes one complete LDAPMessage element (as the framer delivers it).
    //  LDAPMessage ::= SEQUENCE {
    //       messageID       MessageID,                  -- INTEGER (0 .. maxInt)
    //       protocolOp      CHOICE { ... },
    //       controls        [0] Controls OPTIONAL }
    public static func decode(_ bytes: [UInt8], limits: BERLimits = .standard) throws(BERError) -> LDAPMessage {
        var outer = BERReader(bytes, limits: limits)
        var message = try outer.enter(BERTag.sequence, "LDAPMessage")
        try outer.expectEnd("LDAPMessage")
        let id = try message.readInteger("messageID")
        guard id >= 0 && id <= Int64(Int32.max) else { throw BERError(.malformed, "messageID \(id) out of range") }
        let (tag, content) = try message.readElement()
        guard message.depth + 1 <= limits.maxDepth else { throw BERError(.tooDeep, "protocolOp nested too deep") }
        var op = BERReader(content, limits: limits, depth: message.depth + 1)
        let response = try decodeResponse(tag: tag, &op)
        var controls: [LDAPControl] = []
        if message.nextTag == BERTag.context(0, constructed: true) {
            var list = try message.enter(BERTag.context(0, constructed: true), "Controls")
            controls = try LDAPControl.readList(&list)
        }
        try message.expectEnd("LDAPMessage")
        return LDAPMessage(messageID: id, response: response, controls: controls)
    }

    //  BindResponse ::= [APPLICATION 1] SEQUENCE {
    //       COMPONENTS OF LDAPResult,
    //       serverSaslCreds    [7] OCTET STRING OPTIONAL }
    //  SearchResultDone ::= [APPLICATION 5] LDAPResult
    //  SearchResultReference ::= [APPLICATION 19] SEQUENCE SIZE (1..MAX) OF uri URI
    //  ExtendedResponse ::= [APPLICATION 24] SEQUENCE {
    //       COMPONENTS OF LDAPResult,
    //       responseName     [10] LDAPOID OPTIONAL,
    //       responseValue    [11] OCTET STRING OPTIONAL }
    private static func decodeResponse(tag: UInt8, _ op: inout BERReader) throws(BERError) -> Response {
        switch tag {
        case BERTag.application(1, constructed: true):
            let result = try LDAPResult.read(from: &op)
            var credentials: [UInt8]?
            if op.nextTag == BERTag.context(7, constructed: false) {
                credentials = try op.readOctetString(tag: BERTag.context(7, constructed: false), "serverSaslCreds")
            }
            try op.expectEnd("BindResponse")
            return .bind(result, serverSASLCredentials: credentials)
        case BERTag.application(4, constructed: true):
            return .searchResultEntry(try SearchResultEntry.read(&op))
        case BERTag.application(5, constructed: true):
            let result = try LDAPResult.read(from: &op)
            try op.expectEnd("SearchResultDone")
            return .searchResultDone(result)
        case BERTag.application(19, constructed: true):
            let uris = try LDAPResult.readURIs(&op)
            guard !uris.isEmpty else { throw BERError(.malformed, "SearchResultReference without a URI") }
            return .searchResultReference(uris)
        case BERTag.application(24, constructed: true):
            return try decodeExtended(&op)
        default:
            throw BERError(.malformed, "unexpected protocolOp (tag 0x\(String(tag, radix: 16)))")
        }
    }

    private static func decodeExtended(_ op: inout BERReader) throws(BERError) -> Response {
        let result = try LDAPResult.read(from: &op)
        var name: String?
        var value: [UInt8]?
        if op.nextTag == BERTag.context(10, constructed: false) {
            let bytes = try op.readOctetString(tag: BERTag.context(10, constructed: false), "responseName")
            name = String(decoding: bytes, as: UTF8.self)
        }
        if op.nextTag == BERTag.context(11, constructed: false) {
            value = try op.readOctetString(tag: BERTag.context(11, constructed: false), "responseValue")
        }
        try op.expectEnd("ExtendedResponse")
        return .extended(result, responseName: name, responseValue: value)
    }
}
