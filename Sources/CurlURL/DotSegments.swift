/// RFC 3986 5.2.4 remove_dot_segments: `/a/b/../c/./d` becomes `/a/c/d`. curl applies it to every
/// URL path it is given, and resolution of relative references needs it.
/// Linear time: the input is consumed by an index, the output only grows or drops whole segments.
func removeDotSegments(_ path: some StringProtocol) -> String {
    var input = Array(path.utf8)
    var i = 0
    var output: [UInt8] = []
    let slash = UInt8(ascii: "/")

    func has(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard input.count - i >= count else { return false }
        for k in 0..<count where input[i + k] != text.utf8Start[k] { return false }
        return true
    }
    func isRest(_ text: StaticString) -> Bool { input.count - i == text.utf8CodeUnitCount && has(text) }
    func dropLastSegment() {
        if let last = output.lastIndex(of: slash) { output.removeSubrange(last...) } else { output.removeAll() }
    }

    while i < input.count {
        if has("../") {  // A
            i += 3
        } else if has("./") {
            i += 2
        } else if has("/./") {  // B: "/./" -> "/"
            i += 2
        } else if isRest("/.") {
            i += 1
            input[i] = slash
        } else if has("/../") {  // C: "/../" -> "/", drop a segment
            i += 3
            dropLastSegment()
        } else if isRest("/..") {
            i += 2
            input[i] = slash
            dropLastSegment()
        } else if isRest(".") || isRest("..") {  // D
            i = input.count
        } else {  // E: move one segment
            var end = i
            if input[end] == slash { end += 1 }
            while end < input.count && input[end] != slash { end += 1 }
            output.append(contentsOf: input[i..<end])
            i = end
        }
    }
    return String(decoding: output, as: UTF8.self)
}
