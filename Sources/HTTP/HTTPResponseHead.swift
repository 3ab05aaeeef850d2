import Codec
import CurlURL

/// A final response's status line and header section.
public struct HTTPResponseHead: Sendable, Equatable {
    public var version: HTTPVersion
    public var status: Int
    public var reason: String
    public var fields: [HTTPField]
    /// The head as received, each line ended by CR LF, the empty line included: what `-i` and
    /// `-I` print. (A line the server ended with a bare LF is given a CR.)
    public var rawBytes: [UInt8]

    public init(version: HTTPVersion, status: Int, reason: String, fields: [HTTPField], rawBytes: [UInt8]) {
        self.version = version
        self.status = status
        self.reason = reason
        self.fields = fields
        self.rawBytes = rawBytes
    }

    /// The values of every field called `name`, in order.
    public func values(_ name: String) -> [[UInt8]] {
        fields.filter { $0.matches(name) }.map(\.value)
    }

    /// The elements of a list-valued field across all its lines (RFC 9110 5.6.1), trimmed,
    /// empty elements dropped.
    //  #element = [ element ] *( OWS "," OWS [ element ] )
    func listElements(_ name: String) -> [ArraySlice<UInt8>] {
        values(name).flatMap { value in
            value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { HTTPField.trimmingWhitespace($0) }
                .filter { !$0.isEmpty }
        }
    }

    /// The declared body length, nil when there is no Content-Length field.
    /// Identical repeats (`5, 5` or two fields) are accepted as RFC 9110 8.6 allows.
    /// - Throws: `.malformedResponse` for differing values, non-digits (a sign included) or
    ///   a value beyond Int64: framing that cannot be trusted must not be guessed.
    //  Content-Length = 1*DIGIT
    func contentLength() throws -> Int64? {
        let fieldValues = values("Content-Length")
        guard !fieldValues.isEmpty else { return nil }
        var result: Int64?
        for value in fieldValues {
            for element in value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let digits = HTTPField.trimmingWhitespace(element)
                guard let length = HTTPResponseHead.decimal(digits) else {
                    throw HTTPError.malformed("Invalid Content-Length value: \(printable(value.prefix(40)))")
                }
                if let result, result != length {
                    throw HTTPError.malformed("Conflicting Content-Length values in response")
                }
                result = length
            }
        }
        return result
    }

    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - 0x30))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// The transfer codings, lower-cased, parameters dropped, in the order applied.
    //  Transfer-Encoding = #transfer-coding
    //  transfer-coding   = token *( OWS ";" OWS transfer-parameter )
    var transferCodings: [String] {
        listElements("Transfer-Encoding").map { element in
            let name = element.prefix(while: { $0 != UInt8(ascii: ";") })
            return String(decoding: HTTPField.trimmingWhitespace(name), as: UTF8.self).lowercased()
        }
    }

    /// True when the body is chunked (RFC 9112 6.3 rule 4).
    /// - Throws: `.malformedResponse` when chunked is applied twice or is not the final coding:
    ///   the body's end could not be found reliably.
    func isChunked() throws -> Bool {
        let codings = transferCodings
        let chunkedCount = codings.filter { $0 == "chunked" }.count
        if chunkedCount == 0 { return false }
        guard chunkedCount == 1, codings.last == "chunked" else {
            throw HTTPError.malformed("Invalid Transfer-Encoding: chunked must be applied once, last")
        }
        return true
    }

    /// The first Location value with spaces and bytes above 0x7F percent-encoded (as curl
    /// does before following it); other control bytes are left for URL parsing to refuse.
    public var location: String? {
        guard let value = values("Location").first, !value.isEmpty else { return nil }
        return PercentEncoding.encode(value, keeping: { $0 != 0x20 && $0 < 0x80 })
    }

    /// True when the server announced it closes the connection (`Connection: close`).
    public var hasConnectionClose: Bool {
        listElements("Connection").contains { element in
            element.count == 5 && String(decoding: element, as: UTF8.self).lowercased() == "close"
        }
    }
}
