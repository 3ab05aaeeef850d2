#if canImport(Glibc)
    import Glibc
#endif

/// The C library's text for an errno value ("Connection refused").
func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
