import CurlURL

/// What an `ftp://` URL's path names, read as curl reads it (RFC 1738 3.2.2): the segments
/// after the host's `/` are directories to change into, the last one the file; a path that ends
/// with `/` names a directory (a listing). `%2F` at the start makes the path absolute.
//  fpath    = fsegment *( "/" fsegment )
//  fsegment = *( uchar | "?" | ":" | "@" | "&" | "=" )
public struct FTPPath: Equatable, Sendable {
    /// How the directories are entered (`--ftp-method`).
    public enum Method: String, Sendable, CaseIterable {
        /// One CWD per directory (curl's default).
        case multicwd
        /// No CWD: every command names the full path.
        case nocwd
        /// One CWD with the whole directory path.
        case singlecwd
    }

    /// Decoded directory segments, in order; empty segments dropped, except a leading `/`.
    public let directories: [String]
    /// The decoded file name; empty for a directory (listing).
    public let fileName: String

    public var isDirectory: Bool { fileName.isEmpty }

    /// - Parameter path: `CurlURL.path` as given (percent-encoding kept), `/dir/file`.
    public init(urlPath path: String) throws(FTPError) {
        let relative = path.first == "/" ? path.dropFirst() : Substring(path)
        var segments: [String] = []
        for (index, raw) in relative.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            guard let bytes = PercentEncoding.decodeLeniently(raw),
                !bytes.contains(where: { $0 == 0 || $0 == 0x0A || $0 == 0x0D })
            else {
                throw FTPError(.unsendableArgument, "the URL path holds CR, LF, NUL or a bad %-escape")
            }
            let segment = String(decoding: bytes, as: UTF8.self)
            segments.append(index == 0 && segment == "/" ? "/" : segment)
        }
        let file = segments.popLast() ?? ""
        var directories: [String] = []
        for (index, segment) in segments.enumerated() where !segment.isEmpty || index == 0 {
            directories.append(segment.isEmpty ? "/" : segment)
        }
        self.directories = directories
        self.fileName = file
    }

    /// The CWD arguments for `method`, in order.
    public func changes(_ method: Method) -> [String] {
        switch method {
        case .multicwd: return directories
        case .nocwd: return []
        case .singlecwd: return directories.isEmpty ? [] : [joinedDirectories]
        }
    }

    /// The argument of RETR/STOR/SIZE for `method`: the file name, or its whole path for nocwd.
    public func target(_ method: Method) -> String {
        method == .nocwd && !directories.isEmpty ? joinedDirectories + "/" + fileName : fileName
    }

    /// The argument of LIST/NLST: none, or the directory's path for nocwd.
    public func listTarget(_ method: Method) -> String? {
        method == .nocwd && !directories.isEmpty ? joinedDirectories : nil
    }

    private var joinedDirectories: String {
        directories.first == "/"
            ? "/" + directories.dropFirst().joined(separator: "/")
            : directories.joined(separator: "/")
    }

    /// The same path with `name` as its file (`-T file ftp://host/dir/`).
    public func withFileName(_ name: String) -> FTPPath { FTPPath(directories: directories, fileName: name) }

    init(directories: [String], fileName: String) {
        self.directories = directories
        self.fileName = fileName
    }
}
