/// A Content-Type or Content-Disposition parameter (RFC 2045 5.1), with RFC 2231's
/// `name*=utf-8''%XX` form for values that are not ASCII.
//  parameter := attribute "=" value
//  value     := token / quoted-string
//  token     := 1*<any (US-ASCII) CHAR except SPACE, CTLs, or tspecials>
//  tspecials := "(" / ")" / "<" / ">" / "@" / "," / ";" / ":" / "\" / <"> / "/" / "[" / "]" / "?" / "="
//  extended-parameter := attribute "*" "=" charset "'" [language] "'" extended-value  (RFC 2231 7)
public enum MIMEParameter {
    static let tspecials = Set("()<>@,;:\\\"/[]?=".utf8)

    /// `; name=value`, quoted or extended as the value needs.
    public static func format(_ name: String, _ value: String) -> String {
        let bytes = Array(value.utf8)
        if !bytes.isEmpty && bytes.allSatisfy({ (33...126).contains($0) && !tspecials.contains($0) }) {
            return "; \(name)=\(value)"
        }
        if bytes.allSatisfy({ (32...126).contains($0) }) {
            var quoted = ""
            for character in value {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return "; \(name)=\"\(quoted)\""
        }
        return "; \(name)*=utf-8''" + percentEncoded(bytes)
    }

    //  attribute-char := <any (US-ASCII) CHARACTER, except SPACE, CTLs, "*", "'", "%", or tspecials>
    private static func percentEncoded(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            let plain =
                (33...126).contains(byte) && !tspecials.contains(byte)
                && ![UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "%")].contains(byte)
            if plain {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
