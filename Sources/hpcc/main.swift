import ArgumentParser

// Exit status: 0 success, 1 the blueprint has errors, 2 usage or I/O errors. ArgumentParser's own
// usage failures (64) are mapped to 2.
do {
    var command = try HPCC.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    HPCC.exit(withError: code)
} catch {
    let code = HPCC.exitCode(for: error)
    if code == .success {
        HPCC.exit(withError: error)
    }
    Report.stderr(HPCC.fullMessage(for: error) + "\n")
    HPCC.exit(withError: ExitCode(2))
}
