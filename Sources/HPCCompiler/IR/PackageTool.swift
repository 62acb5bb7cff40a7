/// Spack or Ramble: the two package tools whose setup and execute modules share one shape.
@_spi(Tools) public enum PackageTool: String, Hashable, Sendable {
    /// Spack, the package manager.
    case spack
    /// Ramble, the experiment framework built on Spack.
    case ramble
}

/// A package tool cloned into a shared folder by the first node that boots, the others waiting
/// for it (spack-setup, ramble-setup).
@_spi(Tools) public struct ToolInstallation: Hashable, Sendable {
    /// The setup module's origin.
    @_spi(Tools) public var origin: Origin
    /// Which tool.
    @_spi(Tools) public var tool: PackageTool
    /// The clone's folder.
    @_spi(Tools) public var installDir: String
    /// Repository cloned.
    @_spi(Tools) public var gitURL: String
    /// Branch, tag or commit checked out.
    @_spi(Tools) public var gitRef: String
    /// `chmod -R` mode applied to the clone; empty leaves it alone.
    @_spi(Tools) public var chmodMode: String
    /// The user that owns the clone and runs the tool.
    @_spi(Tools) public var user: SystemUser
    /// Python virtual environment of the tool's dependencies.
    @_spi(Tools) public var virtualenv: String
    /// The profile.d script that puts the tool on every login shell's path.
    @_spi(Tools) public var profileScript: String
    /// Spack only: add Google's binary cache as a mirror.
    @_spi(Tools) public var googleCache: Bool
    /// Spack only: the module files Spack writes for every package it installs; nil writes none.
    @_spi(Tools) public var moduleSystem: SpackModuleSystem?
    /// The module's own startup script: the install as one runner.
    @_spi(Tools) public var script: StartupScript
}

/// A system user created with fixed ids when it does not exist.
@_spi(Tools) public struct SystemUser: Hashable, Sendable {
    /// Login name.
    @_spi(Tools) public var name: String
    /// User id.
    @_spi(Tools) public var uid: Int
    /// Id of the group of the same name.
    @_spi(Tools) public var gid: Int
}

/// The module files Spack generates (its `modules.yaml`).
@_spi(Tools) public enum SpackModuleSystem: String, Hashable, Sendable, CaseIterable {
    /// Environment Modules (Tcl) files. (Lmod's files need the site's core compilers named,
    /// which a blueprint cannot know before the nodes exist.)
    case tcl
}

/// Commands run as the tool's user after the steps chained before them (spack-execute,
/// ramble-execute), and for Spack the environments built from the blueprint.
@_spi(Tools) public struct ToolExecution: Hashable, Sendable {
    /// The execute module's origin.
    @_spi(Tools) public var origin: Origin
    /// Which tool.
    @_spi(Tools) public var tool: PackageTool
    /// The user the commands run as.
    @_spi(Tools) public var user: String
    /// Where the commands' output is appended.
    @_spi(Tools) public var logFile: String
    /// Shell text run before the commands to put the tool on the path.
    @_spi(Tools) public var preScript: String
    /// The user's commands; nil runs none.
    @_spi(Tools) public var commands: String?
    /// Spack environments created and installed after the commands.
    @_spi(Tools) public var environments: [SpackEnvironment]
    /// The module's own startup script: the chained runners, its data files and its commands.
    @_spi(Tools) public var script: StartupScript
}

/// A Spack environment: its `spack.yaml`, and where it is installed.
@_spi(Tools) public struct SpackEnvironment: Hashable, Sendable {
    /// The environment's name (`spack env create NAME`).
    @_spi(Tools) public var name: String
    /// The root specs.
    @_spi(Tools) public var specs: [String]
    /// `concretizer:unify`: `true`, `false` or `when_possible`.
    @_spi(Tools) public var unify: String
    /// Whether the environment links its packages into one view.
    @_spi(Tools) public var view: Bool
    /// The Slurm partition whose node installs it in a batch job; nil installs it on the booting node.
    @_spi(Tools) public var partition: String?
    /// Cores the install job asks for (and Spack builds with).
    @_spi(Tools) public var cpus: Int
    /// The Spack installation's root.
    @_spi(Tools) public var spackRoot: String
    /// The execute module that builds it.
    @_spi(Tools) public var module: ModuleID

    /// Folder on the nodes holding the environment's files.
    @_spi(Tools) public var folder: String { "\(spackRoot)/var/hpcc/environments/\(name)" }
    /// Where the deployment folder keeps the environment's files.
    @_spi(Tools) public var deploymentFolder: String { "spack/\(module.rawValue)/\(name)" }
}
