/// A set of options shared by several tools (connection, TLS, output). A tool combines groups;
/// each parsed option is offered to the groups in turn until one takes it.
public protocol OptionGroup {
    static var specs: [OptionSpec] { get }
    /// Applies `option` if it belongs to this group; returns false otherwise.
    mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool
}
