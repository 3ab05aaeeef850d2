import CLI
import Codec

/// What `--probe` prints on stdout: the capabilities the server announced after TLS (EHLO
/// keywords, CAPABILITY names, CAPA lines), one per line, control characters escaped.
package enum CapabilityListing {
    package static func write(_ capabilities: [String], to sink: ByteSink) throws {
        var text = ""
        for line in capabilities { text += ControlCharacterEscaping.escape(line) + "\n" }
        try sink.write(text)
    }
}
