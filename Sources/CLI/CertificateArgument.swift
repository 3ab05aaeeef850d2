/// curl's `--cert FILE[:PASSWORD]`: the first unescaped `:` separates the password, and `\:`
/// stands for a literal colon in the file name (or the password).
package enum CertificateArgument {
    package static func split(_ argument: String) -> (file: String, password: String?) {
        var file = ""
        var chars = Substring(argument)
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\\", chars.first == ":" {
                file.append(":")
                chars = chars.dropFirst()
            } else if c == ":" {
                return (file, String(chars).replacingEscapedColons())
            } else {
                file.append(c)
            }
        }
        return (file, nil)
    }
}

extension String {
    fileprivate func replacingEscapedColons() -> String {
        var out = ""
        var chars = Substring(self)
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\\", chars.first == ":" {
                out.append(":")
                chars = chars.dropFirst()
            } else {
                out.append(c)
            }
        }
        return out
    }
}
