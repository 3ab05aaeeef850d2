/// A control attached to a request or response (RFC 4511 section 4.1.11).
public struct LDAPControl: Equatable, Sendable {
    public var controlType: String
    public var criticality: Bool
    public var controlValue: [UInt8]?

    public init(controlType: String, criticality: Bool = false, controlValue: [UInt8]? = nil) {
        self.controlType = controlType
        self.criticality = criticality
        self.controlValue = controlValue
    }

    //  Control ::= SEQUENCE {
    //       controlType   LDAPOID,
    //       criticality   BOOLEAN DEFAULT FALSE,
    //       controlValue  OCTET STRING OPTIONAL }
    public var encoded: [UInt8] {
        var parts = [BERWriter.octetString(controlType)]
        if criticality { parts.append(BERWriter.boolean(true)) }
        if let controlValue { parts.append(BERWriter.octetString(controlValue)) }
        return BERWriter.constructed(BERTag.sequence, parts)
    }

    //  Controls ::= SEQUENCE OF control Control     (tagged [0] in LDAPMessage)
    static func readList(_ reader: inout BERReader) throws(BERError) -> [LDAPControl] {
        var controls: [LDAPControl] = []
        while !reader.isAtEnd {
            var control = try reader.enter(BERTag.sequence, "Control")
            var value = LDAPControl(
                controlType: String(decoding: try control.readOctetString("controlType"), as: UTF8.self))
            if control.nextTag == BERTag.boolean { value.criticality = try control.readBoolean("criticality") }
            if control.nextTag == BERTag.octetString {
                value.controlValue = try control.readOctetString("controlValue")
            }
            try control.expectEnd("Control")
            controls.append(value)
        }
        return controls
    }
}
