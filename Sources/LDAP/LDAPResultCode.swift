/// `resultCode ENUMERATED` of RFC 4511 section 4.1.9, with the names of appendix A. A value
/// the RFC does not list is kept as it is (servers add their own).
public struct LDAPResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static let success = LDAPResultCode(rawValue: 0)
    public static let operationsError = LDAPResultCode(rawValue: 1)
    public static let protocolError = LDAPResultCode(rawValue: 2)
    public static let timeLimitExceeded = LDAPResultCode(rawValue: 3)
    public static let sizeLimitExceeded = LDAPResultCode(rawValue: 4)
    public static let authMethodNotSupported = LDAPResultCode(rawValue: 7)
    public static let strongerAuthRequired = LDAPResultCode(rawValue: 8)
    public static let referral = LDAPResultCode(rawValue: 10)
    public static let adminLimitExceeded = LDAPResultCode(rawValue: 11)
    public static let unavailableCriticalExtension = LDAPResultCode(rawValue: 12)
    public static let confidentialityRequired = LDAPResultCode(rawValue: 13)
    public static let saslBindInProgress = LDAPResultCode(rawValue: 14)
    public static let noSuchObject = LDAPResultCode(rawValue: 32)
    public static let invalidDNSyntax = LDAPResultCode(rawValue: 34)
    public static let inappropriateAuthentication = LDAPResultCode(rawValue: 48)
    public static let invalidCredentials = LDAPResultCode(rawValue: 49)
    public static let insufficientAccessRights = LDAPResultCode(rawValue: 50)
    public static let busy = LDAPResultCode(rawValue: 51)
    public static let unavailable = LDAPResultCode(rawValue: 52)
    public static let unwillingToPerform = LDAPResultCode(rawValue: 53)

    private static let names: [Int64: String] = [
        0: "success", 1: "operationsError", 2: "protocolError", 3: "timeLimitExceeded", 4: "sizeLimitExceeded",
        5: "compareFalse", 6: "compareTrue", 7: "authMethodNotSupported", 8: "strongerAuthRequired",
        10: "referral", 11: "adminLimitExceeded", 12: "unavailableCriticalExtension",
        13: "confidentialityRequired", 14: "saslBindInProgress", 16: "noSuchAttribute",
        17: "undefinedAttributeType", 18: "inappropriateMatching", 19: "constraintViolation",
        20: "attributeOrValueExists", 21: "invalidAttributeSyntax", 32: "noSuchObject", 33: "aliasProblem",
        34: "invalidDNSyntax", 36: "aliasDereferencingProblem", 48: "inappropriateAuthentication",
        49: "invalidCredentials", 50: "insufficientAccessRights", 51: "busy", 52: "unavailable",
        53: "unwillingToPerform", 54: "loopDetect", 64: "namingViolation", 65: "objectClassViolation",
        80: "other",
    ]

    /// `invalidCredentials (49)`.
    public var description: String { "\(Self.names[rawValue] ?? "result") (\(rawValue))" }
}
