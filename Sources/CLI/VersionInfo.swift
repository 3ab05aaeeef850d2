/// `--version` output in curl's layout: tool, version and TLS library on the first line, then
/// the protocols and features this build has.
public struct VersionInfo {
    public static let suiteVersion = "0.1.0"

    public var tool: String
    public var tlsLibrary: String
    public var protocols: [String]
    public var features: [String]

    public init(tool: String, tlsLibrary: String, protocols: [String], features: [String]) {
        self.tool = tool
        self.tlsLibrary = tlsLibrary
        self.protocols = protocols
        self.features = features
    }

    public var text: String {
        """
        \(tool) \(VersionInfo.suiteVersion) (mailtls) \(tlsLibrary)
        Release-Date: 2026-11-29
        Protocols: \(protocols.joined(separator: " "))
        Features: \(features.joined(separator: " "))

        """
    }
}
