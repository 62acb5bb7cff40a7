import ArgumentParser
@_spi(Tools) import HPCCompiler

/// `hpcc graph`: the module dependency graph as Graphviz DOT on stdout.
struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the module dependency graph (use and references, by group) as Graphviz DOT.",
        discussion:
            """
            Render it with Graphviz: hpcc graph blueprint.yaml | dot -Tsvg > graph.svg. Nothing is printed when the \
            blueprint has errors (exit status 1).
            """
    )

    @Argument(help: "The blueprint file.")
    var blueprint: String

    @OptionGroup var options: CompileOptions

    func run() throws {
        let result = try Report.compiledForView(blueprint, options: options)
        guard let resolved = result.resolved else { throw ExitCode(1) }
        print(ModuleGraph(resolved).dot, terminator: "")
    }
}
