internal import CIDN2

#if canImport(Glibc)
    import Glibc
#endif

/// Internationalised host names (RFC 5890/5891, IDNA2008) through libidn2, as curl converts a
/// URL's host: a name with non-ASCII letters becomes its A-label form (`bücher.example` →
/// `xn--bcher-kva.example`), the form that goes to DNS, into the TLS SNI and into the
/// certificate name check. UTS #46 non-transitional mapping first (so `Bücher` is `bücher`),
/// transitional when that refuses the name, as curl does.
public enum IDNA {
    public enum Conversion: Equatable, Sendable {
        case converted(String)
        /// libidn2's reason.
        case refused(String)
    }

    /// Whether `host` needs converting: it has a byte outside ASCII.
    public static func needsConversion(_ host: String) -> Bool {
        host.utf8.contains { $0 >= 0x80 }
    }

    public static func aLabel(_ host: String) -> Conversion {
        var result = convert(host, flags: Int32(IDN2_NFC_INPUT.rawValue | IDN2_NONTRANSITIONAL.rawValue))
        if case .refused(_, let code) = result, code == Int32(IDN2_DISALLOWED.rawValue) {
            result = convert(host, flags: Int32(IDN2_NFC_INPUT.rawValue | IDN2_TRANSITIONAL.rawValue))
        }
        switch result {
        case .converted(let name): return .converted(name)
        case .refused(let reason, _): return .refused(reason)
        }
    }

    private enum Outcome {
        case converted(String)
        case refused(String, Int32)
    }

    private static func convert(_ host: String, flags: Int32) -> Outcome {
        var output: UnsafeMutablePointer<CChar>?
        let code = idn2_to_ascii_8z(host, &output, flags)
        guard code == Int32(IDN2_OK.rawValue), let output else {
            return .refused(String(cString: idn2_strerror(code)), code)
        }
        defer { idn2_free(output) }
        return .converted(String(cString: output))
    }
}
