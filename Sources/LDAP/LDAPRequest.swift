/// The requests the client sends (RFC 4511 section 4), encoded as the protocolOp of an
/// LDAPMessage.
public enum LDAPRequest: Equatable, Sendable {
    /// Simple bind: an empty name and password is the anonymous bind (section 4.2).
    case simpleBind(name: String, password: [UInt8])
    /// SASL bind; `credentials` nil sends none (section 4.2).
    case saslBind(name: String, mechanism: String, credentials: [UInt8]?)
    case search(SearchRequest)
    case extended(name: String, value: [UInt8]?)
    case unbind

    /// The StartTLS extended operation (RFC 4511 section 4.14).
    public static let startTLSName = "1.3.6.1.4.1.1466.20037"

    //  LDAPMessage ::= SEQUENCE {
    //       messageID       MessageID,
    //       protocolOp      CHOICE { ... },
    //       controls        [0] Controls OPTIONAL }
    public func message(id: Int64, controls: [LDAPControl] = []) -> [UInt8] {
        var parts = [BERWriter.integer(id), protocolOp]
        if !controls.isEmpty {
            parts.append(BERWriter.constructed(BERTag.context(0, constructed: true), controls.map(\.encoded)))
        }
        return BERWriter.constructed(BERTag.sequence, parts)
    }

    //  BindRequest ::= [APPLICATION 0] SEQUENCE {
    //       version         INTEGER (1 ..  127),
    //       name            LDAPDN,
    //       authentication  AuthenticationChoice }
    //  AuthenticationChoice ::= CHOICE { simple [0] OCTET STRING, sasl [3] SaslCredentials, ... }
    //  SaslCredentials ::= SEQUENCE { mechanism LDAPString, credentials OCTET STRING OPTIONAL }
    //  UnbindRequest ::= [APPLICATION 2] NULL
    //  ExtendedRequest ::= [APPLICATION 23] SEQUENCE {
    //       requestName      [0] LDAPOID,
    //       requestValue     [1] OCTET STRING OPTIONAL }
    var protocolOp: [UInt8] {
        switch self {
        case .simpleBind(let name, let password):
            return BERWriter.constructed(
                BERTag.application(0, constructed: true),
                [
                    BERWriter.integer(3), BERWriter.octetString(name),
                    BERWriter.octetString(password, tag: BERTag.context(0, constructed: false)),
                ])
        case .saslBind(let name, let mechanism, let credentials):
            var sasl = [BERWriter.octetString(mechanism)]
            if let credentials { sasl.append(BERWriter.octetString(credentials)) }
            return BERWriter.constructed(
                BERTag.application(0, constructed: true),
                [
                    BERWriter.integer(3), BERWriter.octetString(name),
                    BERWriter.constructed(BERTag.context(3, constructed: true), sasl),
                ])
        case .search(let request):
            return request.encoded
        case .extended(let name, let value):
            var parts = [BERWriter.octetString(name, tag: BERTag.context(0, constructed: false))]
            if let value { parts.append(BERWriter.octetString(value, tag: BERTag.context(1, constructed: false))) }
            return BERWriter.constructed(BERTag.application(23, constructed: true), parts)
        case .unbind:
            return BERWriter.element(BERTag.application(2, constructed: false), [])
        }
    }
}
