import ArgumentParser
import HPCCompiler

/// The `hpcc` command.
struct HPCC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpcc",
        abstract: "Compile HPC infrastructure blueprints into Terraform, Slurm and Ansible files.",
        version: "hpcc \(Compiler.version)",
        subcommands: [
            Build.self, Validate.self, Plan.self, Diff.self, Graph.self, Schema.self, Modules.self, Explain.self,
            LSP.self,
        ]
    )
}

/// How diagnostics are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    /// SARIF 2.1.0, for code-scanning services.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), which annotate pull requests.
    case github
}

/// What a compilation reads besides the blueprint, shared by the commands that compile.
struct CompileInputs: ParsableArguments {
    @Option(
        name: .customLong("vars"), parsing: .singleValue,
        help: ArgumentHelp(
            "Set or override a deployment variable (NAME=VALUE, VALUE read as YAML). Repeatable.",
            valueName: "NAME=VALUE"))
    var variables: [String] = []

    @Flag(
        help:
            """
            Let startup-script runners read any file (`source:` absolute or with '..' out of the blueprint's folder); \
            by default only files in the blueprint's folder are read.
            """
    )
    var readAnyFile = false

    @Option(
        name: [.customShort("d"), .customLong("deployment-file")],
        help: ArgumentHelp(
            """
            A deployment file (as gcluster's): its 'vars' override the blueprint's and its \
            'terraform_backend_defaults' replaces the blueprint's; --vars overrides both.
            """,
            valueName: "FILE"))
    var deploymentFile: String?

    /// Compiles `source` with the deployment file and `--vars`; an unreadable deployment file is
    /// reported in `format` and exits unless `report` is false (then it is thrown as a
    /// `BlueprintFile.Failure`).
    func compile(
        _ source: SourceFile, format: OutputFormat, undeclaredVariables: UndeclaredVariables = .mustBeUsed,
        report: Bool = true
    ) throws -> CompileResult {
        let deployment = try deploymentFile.map {
            try BlueprintFile.read($0, what: "deployment file", format: format, report: report)
        }
        return compiler.compile(
            source, deploymentFile: deployment, variables: variables, undeclaredVariables: undeclaredVariables)
    }

    /// The compiler the command line uses: it reads the files the blueprint's folder holds.
    var compiler: Compiler {
        Compiler(files: readAnyFile ? .anyFile : .blueprintFolder)
    }

    mutating func validate() throws {
        for argument in variables where !argument.contains("=") || argument.hasPrefix("=") {
            throw ValidationError("--vars takes NAME=VALUE, not '\(argument)'")
        }
    }
}

/// Options shared by the commands that compile and report findings.
struct CompileOptions: ParsableArguments {
    @OptionGroup var inputs: CompileInputs

    @Option(
        help:
            """
            Diagnostics format: text (stderr), json, sarif (SARIF 2.1.0) or github (workflow annotations), the last \
            three on stdout.
            """
    )
    var format: OutputFormat = .text

    /// Compiles `source` (CompileInputs.compile), reporting in `format`.
    func compile(
        _ source: SourceFile, undeclaredVariables: UndeclaredVariables = .mustBeUsed, report: Bool = true
    ) throws -> CompileResult {
        try inputs.compile(source, format: format, undeclaredVariables: undeclaredVariables, report: report)
    }
}
