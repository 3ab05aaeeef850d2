/// The mechanisms the user allows: curl's `--login-options AUTH=<mech>` (repeatable, joined by
/// `;`), or any (`AUTH=*`, or no `AUTH=` at all).
public enum SASLMechanismPreference: Sendable, Equatable {
    /// Choose automatically (see `SASLMechanismChoice.automaticOrder`); never EXTERNAL.
    case any
    /// Only these, as the user listed them.
    case only([SASLMechanism])

    /// From the values of the `AUTH=` keys in order. As in curl, `*` anywhere allows any. Nil
    /// when a value is not a mechanism name (curl answers that with 3, URL_MALFORMAT, because
    /// login options are part of the URL).
    public init?(authValues: [String]) {
        if authValues.isEmpty || authValues.contains("*") {
            self = .any
            return
        }
        var mechanisms: [SASLMechanism] = []
        for value in authValues {
            guard let mechanism = SASLMechanism(value) else { return nil }
            if !mechanisms.contains(mechanism) { mechanisms.append(mechanism) }
        }
        self = .only(mechanisms)
    }
}
