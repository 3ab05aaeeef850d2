/// A value of any shape, for the parts of a response a fetching client keeps but does not
/// interpret (ENVELOPE, BODYSTRUCTURE, extension attributes).
//  datum           = nil / number / atom / "\" atom / string / "(" [datum *(SP datum)] ")"
public indirect enum IMAPDatum: Equatable, Sendable {
    case null
    case number(UInt64)
    /// An atom or `\atom`, as sent.
    case atom(String)
    /// A quoted string or literal, as bytes.
    case string([UInt8])
    case list([IMAPDatum])
}
