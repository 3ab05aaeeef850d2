import Foundation

/// The test users' Maildirs (testservers/users.env, delivered by Postfix through Dovecot LMTP).
enum Mailboxes {
    static let users: [String: String] = {
        let text =
            (try? String(
                contentsOf: TestServers.packageRoot.appendingPathComponent("testservers/users.env"), encoding: .utf8))
            ?? ""
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "="), let first = line.firstIndex(of: "'"),
                let last = line.lastIndex(of: "'"),
                first < last
            else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: first)..<last])
        }
        return values
    }()

    static func password(_ user: String) -> String { users["MAIL_PASS_\(user.uppercased())"] ?? "" }

    static func maildir(_ user: String) -> URL {
        TestServers.runDirectory.appendingPathComponent("mail/\(user)/Maildir")
    }

    /// Waits (bounded) for a delivered message containing `token` and returns its bytes.
    static func waitForMessage(to user: String, containing token: String, timeout: TimeInterval = 15) -> Data? {
        let deadline = Date().addingTimeInterval(timeout)
        let needle = Data(token.utf8)
        repeat {
            for folder in ["new", "cur"] {
                let dir = maildir(user).appendingPathComponent(folder)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                    if let data = try? Data(contentsOf: dir.appendingPathComponent(name)), data.range(of: needle) != nil
                    {
                        return data
                    }
                }
            }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// How many delivered messages contain `token`: waits (bounded) until there are `atLeast`,
    /// then a moment more, so that a copy too many would be counted too.
    static func copies(to user: String, containing token: String, atLeast: Int = 1, timeout: TimeInterval = 15) -> Int {
        let needle = Data(token.utf8)
        func count() -> Int {
            var found = Set<String>()
            for folder in ["new", "cur", "new"] {  // new/ twice: a reader may move a file to cur/ meanwhile
                let dir = maildir(user).appendingPathComponent(folder)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                    let base = String(name.prefix { $0 != ":" })
                    if !found.contains(base), let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
                        data.range(of: needle) != nil
                    {
                        found.insert(base)
                    }
                }
            }
            return found.count
        }
        let deadline = Date().addingTimeInterval(timeout)
        while count() < atLeast && Date() < deadline { usleep(50_000) }
        usleep(500_000)
        return count()
    }

    /// A token unique to this test run, for Subject lines.
    static func token(_ label: String) -> String { "mailtls-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))" }
}
