/// The Simple Paged Results control (RFC 2696): the client asks for `size` entries at a
/// time; the server answers each page's SearchResultDone with a cookie, empty after the last.
public struct PagedResultsControl: Equatable, Sendable {
    public static let oid = "1.2.840.113556.1.4.319"

    public var size: Int64
    public var cookie: [UInt8]

    public init(size: Int64, cookie: [UInt8] = []) {
        self.size = size
        self.cookie = cookie
    }

    //  realSearchControlValue ::= SEQUENCE {
    //          size            INTEGER (0..maxInt),
    //          cookie          OCTET STRING }
    public var control: LDAPControl {
        let value = BERWriter.constructed(BERTag.sequence, [BERWriter.integer(size), BERWriter.octetString(cookie)])
        return LDAPControl(controlType: Self.oid, criticality: false, controlValue: value)
    }

    /// The server's paging control among a response's controls, nil when it sent none.
    public static func find(in controls: [LDAPControl]) throws(BERError) -> PagedResultsControl? {
        guard let control = controls.first(where: { $0.controlType == oid }) else { return nil }
        guard let value = control.controlValue else {
            throw BERError(.malformed, "paged results control without a value")
        }
        var outer = BERReader(value)
        var sequence = try outer.enter(BERTag.sequence, "paged results value")
        let size = try sequence.readInteger("size")
        let cookie = try sequence.readOctetString("cookie")
        try sequence.expectEnd("paged results value")
        return PagedResultsControl(size: size, cookie: cookie)
    }
}
