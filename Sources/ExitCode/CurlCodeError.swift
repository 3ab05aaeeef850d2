/// An error that knows curl's exit code for itself. Every error type a tool can end with
/// conforms, in the file that declares it, with an exhaustive `switch` over its kinds (no
/// `default:`): a new kind without a code does not compile, and the code is read next to the
/// comment that explains it.
public protocol CurlCodeError: Error, CustomStringConvertible {
    var curlCode: CurlCode { get }
}
