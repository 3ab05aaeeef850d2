internal import CSASL

/// The `sasl_channel_binding_t` handed to Cyrus. Cyrus keeps the pointer without copying, so
/// the struct, its type name and its data live here, as long as the connection that uses them.
final class CyrusChannelBinding {
    let pointer: UnsafeMutablePointer<sasl_channel_binding_t>
    private let name: CyrusAnswer
    private let data: UnsafeMutableBufferPointer<UInt8>

    init(_ binding: SASLChannelBinding) {
        name = CyrusAnswer(binding.type)
        data = .allocate(capacity: max(binding.data.count, 1))
        _ = data.initialize(from: binding.data)
        pointer = .allocate(capacity: 1)
        // Not critical: Cyrus binds a -PLUS mechanism whenever it has data, and SASLClient hands
        // data to the -PLUS mechanisms only (the others send "n").
        pointer.initialize(
            to: sasl_channel_binding_t(
                name: UnsafePointer(name.pointer), critical: 0,
                len: UInt(binding.data.count), data: UnsafePointer(data.baseAddress)))
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
        data.deallocate()
    }
}
