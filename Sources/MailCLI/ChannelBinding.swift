import CLI
import SASL
import TLS
import Transport

extension ByteStream {
    /// The TLS channel binding of this stream for SCRAM-*-PLUS, when it runs over TLS.
    package var channelBinding: SASLChannelBinding? {
        (transport as? TLSConnection)?.channelBinding.map { SASLChannelBinding(type: $0.type, data: $0.data) }
    }
}
