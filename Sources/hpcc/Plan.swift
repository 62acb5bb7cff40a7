import ArgumentParser
@_spi(Tools) import HPCCompiler

/// `hpcc plan`: what the blueprint creates, as tables, without writing anything.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            """
            Show what a blueprint creates: clusters and partitions with node counts, vCPUs, GPUs, memory and peak \
            FLOP/s; filesystems; workbenches; grids; what it costs and which quotas it needs.
            """,
        discussion: """
            Nothing is written and nothing is asked of a cloud: costs come from the list prices in hpcc's catalogs \
            (their dates are printed), per hour at the idle floor (static nodes, controllers, login nodes, \
            filesystems, databases) and at most, and per month at the idle floor, on demand and with compute on \
            spot; what has no public price is listed, not guessed. --format json prints the costs and quotas as \
            JSON on stdout. Findings go to stderr; exit status 1 when the blueprint has errors.
            """
    )

    @Argument(help: "The blueprint file.")
    var blueprint: String

    @OptionGroup var options: CompileOptions

    func run() throws {
        let result = try Report.compiledForView(blueprint, options: options)
        guard let deployment = result.deployment else { throw ExitCode(1) }
        if options.format == .json {
            print(PlanDocument(deployment).json, terminator: "")
            return
        }
        print(DeploymentSummary(deployment).text, terminator: "")
        print("\n" + PlanDocument(deployment).text, terminator: "")
    }
}
