import IMAP
import MailStore

extension MessageFlags {
    /// IMAP system flags (RFC 9051 2.3.2, compared without regard to case) as Maildir's info
    /// letters: `\Seen` S, `\Answered` R, `\Flagged` F, `\Deleted` T, `\Draft` D. `\Recent`
    /// and keywords have no Maildir letter and are left out.
    public init(imapFlags flags: some Sequence<IMAPFlag>) {
        self = []
        for flag in flags {
            switch flag.name.lowercased() {
            case "\\seen": insert(.seen)
            case "\\answered": insert(.answered)
            case "\\flagged": insert(.flagged)
            case "\\deleted": insert(.deleted)
            case "\\draft": insert(.draft)
            default: break
            }
        }
    }
}
