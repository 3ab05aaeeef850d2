/// A JSON document as built by `JSONDocumentEncoder`: arrays and objects are boxes (classes), so
/// that a container handed out by the encoder can keep filling its part of the tree after the
/// call that made it returns, as `Encodable` conformances expect.
enum JSONValue {
    case null
    case bool(Bool)
    /// The number's text, already in JSON form.
    case number(String)
    case string(String)
    case array(JSONArrayBox)
    case object(JSONObjectBox)
    /// A value a super-encoder fills later; an encoder left empty stands for `{}`.
    case deferred(JSONTreeEncoder)
}

final class JSONArrayBox {
    var items: [JSONValue] = []
}

final class JSONObjectBox {
    /// Members in no order; the writer sorts the keys (a key encoded twice keeps its last value).
    var members: [String: JSONValue] = [:]
}
