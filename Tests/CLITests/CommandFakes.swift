import CLI
import TLS
import Transport
import TransportFakes

/// Answers every password prompt with `answer` and records the prompts.
final class FakePasswordPrompt: PasswordPrompt, @unchecked Sendable {
    let answer: String?
    private(set) var prompts: [String] = []

    init(answer: String?) { self.answer = answer }

    func read(prompt: String) -> String? {
        prompts.append(prompt)
        return answer
    }
}

/// Hands out one scripted server as "the network", recording where the tool connected.
final class FakeConnector: Connector, @unchecked Sendable {
    let server: ScriptedServer
    private(set) var connections: [(host: String, port: UInt16)] = []

    init(_ server: ScriptedServer) { self.server = server }

    func connect(
        host: String, port: UInt16, family: AddressFamilyPreference, deadline: Deadline,
        trace: Trace
    ) throws -> Transport {
        connections.append((host, port))
        return server
    }
}

/// A context whose standard output and error are kept, with fakes for the network and terminal.
func fakeContext(
    _ arguments: [String], connector: Connector, prompt: PasswordPrompt = FakePasswordPrompt(answer: nil)
)
    -> (ToolContext, MemorySink, MemorySink)
{
    let out = MemorySink()
    let err = MemorySink()
    var context = ToolContext(arguments: arguments, environment: [:], standardOutput: out, standardError: err)
    context.connector = connector
    context.passwordPrompt = prompt
    return (context, out, err)
}
