import Codec

/// Where the server listens for a passive data connection, from a 229 (EPSV) or 227 (PASV)
/// reply. Pure functions of the reply's text, bounded by its length (a reply line is at most
/// `LineLimits.maxLineLength`).
public struct FTPPassiveAddress: Equatable, Sendable {
    /// The IPv4 address a 227 reply names; nil for EPSV, which names only a port (the data
    /// connection goes to the control connection's host).
    public let host: String?
    public let port: UInt16

    public init(host: String?, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// RFC 2428 3: `229 Entering Extended Passive Mode (|||6446|)`.
    //  epsv-response = "229" SP text "(" d d d tcp-port d ")"
    //  d             = a delimiter, one of %x21-7E, the same all four times
    //  tcp-port      = 1*5DIGIT (1 to 65535)
    public static func parseEPSV(_ text: ArraySlice<UInt8>) throws(FTPError) -> FTPPassiveAddress {
        guard let open = text.firstIndex(of: UInt8(ascii: "(")) else { throw badEPSV(text) }
        let inner = text[(open + 1)...].prefix { $0 != UInt8(ascii: ")") }
        guard inner.count >= 5, inner.endIndex < text.endIndex else { throw badEPSV(text) }
        let bytes = Array(inner)
        let d = bytes[0]
        guard (0x21...0x7E).contains(d), !d.isASCIIDigit, bytes[1] == d, bytes[2] == d, bytes.last == d else {
            throw badEPSV(text)
        }
        guard let port = decimalPort(bytes[3..<(bytes.count - 1)]) else { throw badEPSV(text) }
        return FTPPassiveAddress(host: nil, port: port)
    }

    /// RFC 959 4.1.2 and RFC 1123 4.1.2.6: the six numbers h1,h2,h3,h4,p1,p2 may appear anywhere
    /// in the text, with or without parentheses: scan for the first digit.
    //  pasv-response = "227" SP text h1 "," h2 "," h3 "," h4 "," p1 "," p2 [text]
    //  h1..p2        = 1*3DIGIT (0 to 255)
    public static func parsePASV(_ text: ArraySlice<UInt8>) throws(FTPError) -> FTPPassiveAddress {
        guard let first = text.firstIndex(where: \.isASCIIDigit) else { throw badPASV(text) }
        var numbers: [Int] = []
        var index = first
        while numbers.count < 6 {
            let digits = text[index...].prefix(while: \.isASCIIDigit)
            guard (1...3).contains(digits.count), let value = Int(String(decoding: digits, as: UTF8.self)),
                value <= 255
            else { throw badPASV(text) }
            numbers.append(value)
            index = digits.endIndex
            if numbers.count < 6 {
                guard index < text.endIndex, text[index] == UInt8(ascii: ",") else { throw badPASV(text) }
                index += 1
            }
        }
        let port = numbers[4] * 256 + numbers[5]
        guard port > 0 else { throw badPASV(text) }
        let host = numbers[0..<4].map(String.init).joined(separator: ".")
        return FTPPassiveAddress(host: host, port: UInt16(port))
    }

    static func decimalPort(_ digits: ArraySlice<UInt8>) -> UInt16? {
        guard (1...5).contains(digits.count), digits.allSatisfy(\.isASCIIDigit),
            let value = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(value)
        else { return nil }
        return UInt16(value)
    }

    private static func badEPSV(_ text: ArraySlice<UInt8>) -> FTPError {
        FTPError(.weirdPassiveReply, "Weirdly formatted EPSV reply: 229 \(FTPError.quote(text))")
    }

    private static func badPASV(_ text: ArraySlice<UInt8>) -> FTPError {
        FTPError(.weird227Format, "Weirdly formatted PASV reply: 227 \(FTPError.quote(text))")
    }
}
