import CLI
import FuzzSupport

// A config file (mailtls-config(5)) as -K reads it; each of its accounts, and the defaults
// alone, then become one tool's options (http-get's tables: some keys are other tools').
let specs = TLSOptions.specs + ConnectionOptions.specs + OutputOptions.specs
fuzz { data in
    guard let file = try? ConfigFile(parsing: data, name: "fuzz") else { return }
    _ = try? file.options(account: nil, specs: specs)
    for account in file.accounts { _ = try? file.options(account: account.name, specs: specs) }
}
