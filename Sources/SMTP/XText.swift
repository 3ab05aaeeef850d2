/// The xtext encoding of ESMTP parameter values (RFC 3461 section 4), used by `AUTH=<...>`
/// (RFC 4954 section 5): a value may hold `+`, `=` and non-ASCII bytes only hex-encoded.
//  xtext   = *( xchar / hexchar )
//  xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
//  hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
enum XText {
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte >= 33 && byte <= 126 && byte != UInt8(ascii: "+") && byte != UInt8(ascii: "=") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                result += "+" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
            }
        }
        return result
    }
}
