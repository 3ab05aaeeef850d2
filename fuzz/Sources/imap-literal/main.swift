import FuzzSupport
import IMAP

// The literal announcement at the end of a line (the input is the line, without CR LF).
fuzz { line in
    let maxSize = IMAPLimits.default.maxLiteralSize
    if let announcement = try? IMAPLiteralAnnouncement.parse(endOf: line, maxSize: maxSize) {
        precondition(announcement.offset < line.count && announcement.size <= maxSize, "announcement out of bounds")
    }
}
