/// What `SASLClient` drives: Cyrus, or a mechanism built in here.
protocol SASLEngine: AnyObject {
    /// The initial response; nil when the mechanism waits for the server to speak first.
    func start() throws(SASLError) -> [UInt8]?
    /// The response to a challenge.
    func step(_ challenge: [UInt8]) throws(SASLError) -> [UInt8]
    /// The client has said all it must and verified all the server had to prove.
    var isComplete: Bool { get }
}
