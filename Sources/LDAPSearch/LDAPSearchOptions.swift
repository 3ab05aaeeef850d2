import CLI

/// `ldap-search`'s own options: where the entries go and how the search is paged.
public struct LDAPSearchOptions: OptionGroup {
    public var output: String?
    /// Entries per page (RFC 2696 paged results); nil: one request, no paging.
    public var pageSize: Int64?

    public init() {}

    public static let specs: [OptionSpec] = [
        OptionSpec("output", short: "o", argument: "FILE", help: "Write the entries to FILE instead of stdout"),
        OptionSpec(
            "page-size", argument: "N",
            help: "Ask for the results N entries at a time (RFC 2696 paged results; 0: no paging, the default)"),
    ]

    public mutating func apply(_ option: ParsedOption) throws(ToolError) -> Bool {
        switch option.name {
        case "output": output = option.argument
        case "page-size":
            let value = try OptionValue.integer(option)
            guard value >= 0 && value <= Int(Int32.max) else {
                throw ToolError.usage("option --page-size: expected a number from 0 to \(Int32.max)")
            }
            pageSize = value == 0 ? nil : Int64(value)
        default: return false
        }
        return true
    }
}
