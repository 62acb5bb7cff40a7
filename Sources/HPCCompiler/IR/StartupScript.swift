/// A startup script assembled from runners; emitted as its own file and run on instances after
/// hpcc's node setup.
@_spi(Tools) public struct StartupScript: Hashable, Sendable {
    /// The startup-script module's origin.
    @_spi(Tools) public var origin: Origin
    /// In the order they run.
    @_spi(Tools) public var runners: [StartupRunner]
    /// Path of the Python virtual environment to install Ansible into; nil installs nothing.
    @_spi(Tools) public var ansibleVirtualenv: String?
    /// What the module's own settings set up before the runners.
    @_spi(Tools) public var setup: StartupSetup = .none

    /// Where the script sits in the deployment folder.
    @_spi(Tools) public var path: String { "scripts/startup/\(origin.module.rawValue).sh" }
}

/// One step of a startup script, with its content read at compile time.
@_spi(Tools) public struct StartupRunner: Hashable, Sendable {
    /// What a runner does with its content.
    @_spi(Tools) public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Runs it as a program.
        case shell
        /// Runs it as an Ansible playbook against the instance itself.
        case ansibleLocal = "ansible-local"
        /// Writes it to `destination`.
        case data
    }

    /// What the runner does with its content.
    @_spi(Tools) public var kind: Kind
    /// An absolute path, or a file name inside the script's scratch folder.
    @_spi(Tools) public var destination: String
    /// The content: inline in the blueprint, or read from the file the runner names.
    @_spi(Tools) public var content: String
    /// Arguments, one word each.
    @_spi(Tools) public var arguments: [String]
    /// The blueprint's label for the runner (its `name`), shown in the script's progress log.
    @_spi(Tools) public var name: String? = nil
}
