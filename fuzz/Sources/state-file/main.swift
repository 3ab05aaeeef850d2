import FuzzSupport

@testable import MailStore

// A state file's bytes as the Maildir and mbox stores read them; what reads must write back
// to the same record.
fuzz { bytes in
    guard let record = try? StateFileFormat.decode(bytes, path: "fuzz") else { return }
    let again = try? StateFileFormat.decode(StateFileFormat.encode(record), path: "fuzz")
    precondition(again == record, "a state file read back differently after writing it")
}
