import ArgumentParser
import HPCCompiler

/// `hpcc schema`: the blueprint language as JSON Schema, for editors.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema (draft 2020-12) of blueprints, with every built-in module's settings.",
        discussion:
            """
            Save it and point the YAML language server at it: # yaml-language-server: \
            $schema=./hpcc-blueprint.schema.json
            """
    )

    func run() throws {
        print(BlueprintSchema.render(), terminator: "")
    }
}
