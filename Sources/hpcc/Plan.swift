import ArgumentParser
@_spi(Tools) import HPCCompiler

/// `hpcc plan`: what the blueprint creates, as tables, without writing anything.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            """
            Show what a blueprint creates: clusters and partitions with node counts, vCPUs, GPUs, memory and peak \
            FLOP/s; filesystems; workbenches; grids.
            """,
        discussion: "Nothing is written. Findings go to stderr; exit status 1 when the blueprint has errors."
    )

    @Argument(help: "The blueprint file.")
    var blueprint: String

    @OptionGroup var options: CompileOptions

    func run() throws {
        let result = try Report.compiledForView(blueprint, options: options)
        guard let deployment = result.deployment else { throw ExitCode(1) }
        print(DeploymentSummary(deployment).text, terminator: "")
    }
}
