/// The programs slurmd runs around every job and task: Prolog, Epilog, TaskProlog and TaskEpilog.
/// Each kind is a folder of scripts on every node plus one runner that slurm.conf names; the runner
/// runs the folder's scripts in name order and stops at the first that fails.
@_spi(Tools) public struct JobScripts: Hashable, Sendable {
    /// When a script runs, and the slurm.conf key that names its runner.
    @_spi(Tools) public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// Before a job's first step on a node, as root (`Prolog`).
        case prolog
        /// After a job on a node, as root (`Epilog`).
        case epilog
        /// Before each task, as the job's owner (`TaskProlog`); its `export NAME=value` lines set the task's
        /// environment.
        case taskProlog = "task_prolog"
        /// After each task, as the job's owner (`TaskEpilog`).
        case taskEpilog = "task_epilog"

        /// The slurm.conf key.
        @_spi(Tools) public var confKey: String {
            switch self {
            case .prolog: "Prolog"
            case .epilog: "Epilog"
            case .taskProlog: "TaskProlog"
            case .taskEpilog: "TaskEpilog"
            }
        }

        /// The blueprint setting that lists the scripts (`prolog_scripts`).
        @_spi(Tools) public var setting: String { "\(rawValue)_scripts" }

        /// Runs as root once per job and node (prolog, epilog), not as the user per task.
        @_spi(Tools) public var perJob: Bool { self == .prolog || self == .epilog }
    }

    /// One script: its file name in the kind's folder and its text.
    @_spi(Tools) public struct Script: Hashable, Sendable {
        @_spi(Tools) public var name: String
        @_spi(Tools) public var content: String
    }

    /// The folder on every node that holds the runners and the `<kind>.d` folders.
    @_spi(Tools) public var directory: String
    /// The scripts of each kind, in the order they run (by name).
    @_spi(Tools) public var scripts: [Kind: [Script]]
    /// Also run the executable `*.prolog_slurmd` / `*.epilog_slurmd` scripts an administrator puts in
    /// `externalDirectory` (and its per-partition folders): the Toolkit's `enable_external_prolog_epilog`.
    @_spi(Tools) public var externalDirectory: String? = nil

    /// The kinds slurm.conf names: those with scripts, and prolog and epilog with external scripts.
    @_spi(Tools) public var kinds: [Kind] {
        Kind.allCases.filter { !(scripts[$0] ?? []).isEmpty || ($0.perJob && externalDirectory != nil) }
    }

    /// The runner of `kind` on the nodes.
    @_spi(Tools) public func runner(_ kind: Kind) -> String { "\(directory)/\(kind.rawValue)" }

    /// Nothing to run.
    @_spi(Tools) public var isEmpty: Bool { kinds.isEmpty }
}
